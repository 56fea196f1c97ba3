package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's cgroup: one directory per mounted hierarchy. Making it, listing
 * its processes and removing it. Resource limits are written by the resources
 * code on top of these directories.
 */
public record Cgroup(List<Path> dirs) {

    public Cgroup {
        dirs = List.copyOf(dirs);
    }

    /**
     * Makes the cgroup's directory in every hierarchy. On a v1 cpuset hierarchy each new
     * level copies cpuset.cpus and cpuset.mems from its parent, because a cpuset with
     * empty sets refuses processes. On a unified (v2 only) host each ancestor first passes
     * its resource controllers down ({@link SubtreeControl}). If any step fails, what was
     * made is removed.
     */
    public static Cgroup create(CgroupLayout layout, String relativePath) {
        List<Path> made = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (CgroupHierarchy h : layout.hierarchies()) {
                Path dir = h.mountPoint().resolve(relativePath.substring(1)).normalize();
                if (!dir.startsWith(h.mountPoint())) {
                    throw new ContainerException("cgroup path \"" + relativePath + "\" leaves " + h.mountPoint());
                }
                mkdirs(h, dir, made, layout.unified() && h.isV2());
                dirs.add(dir);
            }
            return new Cgroup(dirs);
        } catch (RuntimeException e) {
            removeDirs(made.reversed());
            throw e;
        }
    }

    /** The directories of a cgroup that may have been made, those that exist (for removal). */
    public static Cgroup existing(CgroupLayout layout, String relativePath) {
        List<Path> dirs = new ArrayList<>();
        for (CgroupHierarchy h : layout.hierarchies()) {
            Path dir = h.mountPoint().resolve(relativePath.substring(1)).normalize();
            if (dir.startsWith(h.mountPoint()) && !dir.equals(h.mountPoint()) && Files.isDirectory(dir)) {
                dirs.add(dir);
            }
        }
        return new Cgroup(dirs);
    }

    /**
     * With {@code delegate} (cgroup v2 only), the ancestors enable their controllers top-down
     * as they are reached, since a new cgroup offers only what its parent passes on.
     */
    private static void mkdirs(CgroupHierarchy h, Path dir, List<Path> made, boolean delegate) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(h.mountPoint()) && !Files.isDirectory(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        if (delegate && !dir.equals(h.mountPoint())) {
            Path lastExisting = missing.isEmpty() ? dir.getParent() : missing.getFirst().getParent();
            SubtreeControl.enableDown(h.mountPoint(), lastExisting);
        }
        for (Path p : missing) {
            if (delegate && !p.equals(missing.getFirst())) {
                SubtreeControl.enable(p.getParent());
            }
            try {
                Files.createDirectory(p);
                made.add(p);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new ContainerException("create cgroup " + p + ": " + e.getMessage(), e);
            }
            if (!h.isV2() && h.hasController("cpuset")) {
                copyFromParent(p, "cpuset.cpus");
                copyFromParent(p, "cpuset.mems");
            }
        }
    }

    private static void copyFromParent(Path dir, String file) {
        try {
            Path own = dir.resolve(file);
            if (Files.readString(own).isBlank()) {
                Files.writeString(own, Files.readString(dir.getParent().resolve(file)).trim());
            }
        } catch (IOException e) {
            throw new ContainerException("initialise " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** The container's directory in the v1 hierarchy holding a controller, if the host mounts one. */
    public java.util.Optional<Path> v1Dir(CgroupLayout layout, String controller) {
        List<CgroupHierarchy> hs = layout.hierarchies();
        for (int i = 0; i < hs.size() && i < dirs.size(); i++) {
            if (!hs.get(i).isV2() && hs.get(i).hasController(controller)) {
                return java.util.Optional.of(dirs.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** The cgroup.procs files a new process writes itself into. */
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Process ids in the cgroup (the union over hierarchies, so a half-joined process counts). */
    public List<Integer> pids() {
        Set<Integer> pids = new LinkedHashSet<>();
        for (Path d : dirs) {
            try {
                for (String line : Files.readAllLines(d.resolve("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        pids.add(Integer.parseInt(line.trim()));
                    }
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new ContainerException("read " + d.resolve("cgroup.procs") + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(pids);
    }

    /** True when the container's freezer holds it frozen. */
    public boolean frozen() {
        return Freezer.of(this).map(Freezer::frozen).orElse(false);
    }

    /**
     * Removes the directories (deepest first). A cgroup whose last process has just
     * died can refuse rmdir with EBUSY for a moment, so it is retried briefly.
     */
    public void remove() {
        removeDirs(dirs);
    }

    private static void removeDirs(List<Path> dirs) {
        List<String> failures = new ArrayList<>();
        for (Path d : dirs) {
            IOException last = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                try {
                    Files.deleteIfExists(d);
                    last = null;
                    break;
                } catch (IOException e) {
                    last = e;
                    sleep(10);
                }
            }
            if (last != null) {
                failures.add(d + ": " + last.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ContainerException("remove cgroup " + String.join("; ", failures));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

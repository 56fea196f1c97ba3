package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * On cgroup v2 a cgroup has a controller's files only when its parent lists the
 * controller in cgroup.subtree_control, and a parent can list only what its own
 * cgroup.controllers offers. So before a container's cgroup is made, every ancestor from
 * the hierarchy's root down enables the resource controllers it has, as runc does.
 */
final class SubtreeControl {

    /** The controllers linux.resources (and unified) can need; devices and freezer are not controllers on v2. */
    static final List<String> CONTROLLERS = List.of("cpu", "cpuset", "io", "memory", "pids", "hugetlb", "rdma", "misc");

    private SubtreeControl() {
    }

    /** Enables the controllers in every cgroup from {@code root} down to {@code last}, both included. */
    static void enableDown(Path root, Path last) {
        if (!last.startsWith(root)) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = last; p != null && p.startsWith(root); p = p.getParent()) {
            chain.addFirst(p);
        }
        chain.forEach(SubtreeControl::enable);
    }

    /**
     * Enables in {@code cgroup}'s children the controllers it has and does not yet pass on,
     * all in one write, or one by one when that fails. A controller that cannot be enabled
     * is left out without an error: a cgroup holding processes of its own cannot pass on
     * memory or io (the kernel's no-internal-processes rule), and a delegated subtree may
     * not offer everything. A limit that needs the missing controller then fails, and its
     * error names the controller.
     */
    static void enable(Path cgroup) {
        Set<String> offered;
        Set<String> enabled;
        try {
            offered = CgroupFiles.words(cgroup.resolve("cgroup.controllers"));
            enabled = CgroupFiles.words(cgroup.resolve("cgroup.subtree_control"));
        } catch (ContainerException unreadable) {
            return; // as for a refused write below
        }
        List<String> missing = CONTROLLERS.stream().filter(c -> offered.contains(c) && !enabled.contains(c))
                .map(c -> "+" + c).toList();
        if (missing.isEmpty()) {
            return;
        }
        Path file = cgroup.resolve("cgroup.subtree_control");
        try {
            Files.writeString(file, String.join(" ", missing), WRITE, TRUNCATE_EXISTING);
        } catch (IOException all) {
            for (String c : missing) {
                try {
                    Files.writeString(file, c, WRITE, TRUNCATE_EXISTING);
                } catch (IOException ignored) {
                    // see above: the limit needing it reports it
                }
            }
        }
    }
}

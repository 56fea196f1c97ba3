package dev.hull.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup hierarchies mounted on this host, read from /proc/self/mountinfo:
 * v1 (one hierarchy per controller group), hybrid (v1 controllers with cgroup2
 * beside them, as on this project's build machines) or v2 unified.
 */
public record CgroupLayout(List<CgroupHierarchy> hierarchies) {

    private static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc");

    public CgroupLayout {
        hierarchies = List.copyOf(hierarchies);
    }

    public static CgroupLayout detect() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/mountinfo", e);
        }
    }

    /** Parses mountinfo lines; only hierarchies mounted below /sys/fs/cgroup are used. */
    public static CgroupLayout parse(List<String> mountinfo) {
        List<CgroupHierarchy> found = new ArrayList<>();
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            String fsType = right[0];
            if (!fsType.equals("cgroup") && !fsType.equals("cgroup2")) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            if (!mountPoint.startsWith("/sys/fs/cgroup")) {
                continue;
            }
            String name = mountPoint.equals(Path.of("/sys/fs/cgroup")) ? ""
                    : Path.of("/sys/fs/cgroup").relativize(mountPoint).toString();
            found.add(new CgroupHierarchy(name, mountPoint, fsType, fsType.equals("cgroup") ? controllers(right[2]) : ""));
        }
        return new CgroupLayout(found);
    }

    private static String controllers(String superOptions) {
        List<String> keep = new ArrayList<>();
        for (String o : superOptions.split(",")) {
            if (V1_CONTROLLERS.contains(o) || o.startsWith("name=")) {
                keep.add(o);
            }
        }
        return String.join(",", keep);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when there is no v1 hierarchy: cgroup2 is the only one. */
    public boolean unified() {
        return hierarchies.stream().noneMatch(h -> !h.isV2());
    }

    /** The v1 hierarchy holding a controller, if mounted. */
    public Optional<CgroupHierarchy> v1(String controller) {
        return hierarchies.stream().filter(h -> !h.isV2() && h.hasController(controller)).findFirst();
    }

    public Optional<CgroupHierarchy> v2() {
        return hierarchies.stream().filter(CgroupHierarchy::isV2).findFirst();
    }
}

package dev.hull.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cgroup v2 hierarchy made of plain files in a temporary directory, holding what a
 * kernel (6.x) shows in a new cgroup with every controller enabled. Writes replace a
 * file's content, so a test sees the last value written to each file.
 */
final class FakeCgroupV2 {

    static final String ALL = "cpuset cpu io memory hugetlb pids rdma misc";

    final Path root;
    final CgroupLayout layout;

    FakeCgroupV2(Path tmp) {
        root = tmp.resolve("cgroup");
        layout = new CgroupLayout(List.of(new CgroupHierarchy("", root, "cgroup2", "")));
        write(root, "cgroup.controllers", ALL);
        write(root, "cgroup.subtree_control", "");
    }

    /** A container's cgroup as the kernel makes it below a parent passing on {@link #ALL}. */
    Path container(String name) {
        Path dir = root.resolve(name);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.controllers", ALL);
        files.put("cgroup.subtree_control", "");
        files.put("cgroup.procs", "");
        files.put("cgroup.type", "domain");
        files.put("cpu.weight", "100");
        files.put("cpu.max", "max 100000");
        files.put("cpu.max.burst", "0");
        files.put("cpu.idle", "0");
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\n"
                + "throttled_usec 0\nnr_bursts 0\nburst_usec 0");
        files.put("cpuset.cpus", "");
        files.put("cpuset.mems", "");
        files.put("cpuset.cpus.effective", "0-1");
        files.put("io.max", "");
        files.put("io.weight", "default 100");
        files.put("io.stat", "");
        files.put("memory.max", "max");
        files.put("memory.high", "max");
        files.put("memory.low", "0");
        files.put("memory.min", "0");
        files.put("memory.current", "0");
        files.put("memory.peak", "0");
        files.put("memory.swap.max", "max");
        files.put("memory.swap.current", "0");
        files.put("memory.oom.group", "0");
        files.put("memory.stat", "anon 0\nfile 0\nkernel 0\nsock 0");
        files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0");
        files.put("pids.max", "max");
        files.put("pids.current", "0");
        for (String size : List.of("2MB", "1GB")) {
            files.put("hugetlb." + size + ".max", "max");
            files.put("hugetlb." + size + ".rsvd.max", "max");
            files.put("hugetlb." + size + ".current", "0");
            files.put("hugetlb." + size + ".rsvd.current", "0");
            files.put("hugetlb." + size + ".events", "max 0");
        }
        files.put("rdma.max", "");
        files.put("rdma.current", "");
        files.put("misc.max", "");
        files.put("misc.current", "");
        files.forEach((f, v) -> write(dir, f, v));
        return dir;
    }

    Cgroup cgroup(Path dir) {
        return new Cgroup(List.of(dir));
    }

    static void write(Path dir, String file, String content) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void remove(Path dir, String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the file readable but not writable, even for root, as a cgroup file refusing a
     * value is: a link to a read-only sysfs attribute, which the kernel will not open for
     * writing whatever the caller's capabilities. Skips the test where there is no sysfs.
     */
    static void refuseWrites(Path dir, String file) {
        Path readOnly = Path.of("/sys/devices/system/cpu/online");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(readOnly), "needs sysfs");
        try {
            Files.delete(dir.resolve(file));
            Files.createSymbolicLink(dir.resolve(file), readOnly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a directory where the file was: it still exists, but reading or writing it fails. */
    static void breakWrites(Path dir, String file) {
        try {
            Files.delete(dir.resolve(file));
            Files.createDirectory(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

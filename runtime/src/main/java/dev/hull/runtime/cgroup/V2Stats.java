package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cgroup v2 directory's usage as {@link CgroupStats}, in runc's units and v1-shaped
 * names: microseconds become nanoseconds, io.stat's rbytes/wbytes and rios/wios become
 * Read/Write entries, and swap is reported as memory+swap the way v1 counted it. A file
 * that is not there (its controller is not enabled) reads as zeros.
 */
final class V2Stats {

    /** What "max" (no limit) reads as. */
    static final long UNLIMITED = Long.MAX_VALUE;

    private final Path dir;

    private V2Stats(Path dir) {
        this.dir = dir;
    }

    static CgroupStats read(Path dir) {
        V2Stats s = new V2Stats(dir);
        List<CgroupStats.BlkioEntry> bytes = new ArrayList<>();
        List<CgroupStats.BlkioEntry> ios = new ArrayList<>();
        s.io(bytes, ios);
        return new CgroupStats(s.cpu(), s.memory(), s.pids(), bytes, ios, s.hugetlb());
    }

    private CgroupStats.Cpu cpu() {
        Map<String, Long> st = keyed("cpu.stat"); // there even without the cpu controller
        return new CgroupStats.Cpu(st.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                st.getOrDefault("system_usec", 0L) * 1000, st.getOrDefault("user_usec", 0L) * 1000,
                st.getOrDefault("nr_periods", 0L), st.getOrDefault("nr_throttled", 0L),
                st.getOrDefault("throttled_usec", 0L) * 1000);
    }

    private CgroupStats.Memory memory() {
        Map<String, Long> raw = keyed("memory.stat");
        Map<String, Long> events = keyed("memory.events");
        long usage = value("memory.current");
        long limit = value("memory.max");
        CgroupStats.MemoryEntry memory = new CgroupStats.MemoryEntry(limit, usage, value("memory.peak"),
                events.getOrDefault("max", 0L));
        // v1's memsw counters are memory+swap; v2's are swap alone, so they are added up
        long swapLimit = value("memory.swap.max");
        boolean unlimited = swapLimit == UNLIMITED || limit == UNLIMITED;
        CgroupStats.MemoryEntry swap = Files.exists(dir.resolve("memory.swap.current"))
                ? new CgroupStats.MemoryEntry(unlimited ? UNLIMITED : swapLimit + limit,
                value("memory.swap.current") + usage, 0, 0)
                : CgroupStats.MemoryEntry.NONE;
        return new CgroupStats.Memory(raw.getOrDefault("file", 0L), memory, swap, CgroupStats.MemoryEntry.NONE,
                CgroupStats.MemoryEntry.NONE, events.getOrDefault("oom_kill", 0L), raw);
    }

    private CgroupStats.Pids pids() {
        if (!Files.exists(dir.resolve("pids.current"))) {
            // without the pids controller the processes can still be counted
            String procs = CgroupFiles.read(dir.resolve("cgroup.procs"));
            return new CgroupStats.Pids(procs == null ? 0 : procs.lines().filter(l -> !l.isBlank()).count(), 0);
        }
        long max = value("pids.max");
        return new CgroupStats.Pids(value("pids.current"), max == UNLIMITED ? 0 : max); // 0: no limit
    }

    /** io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0", one device per line. */
    private void io(List<CgroupStats.BlkioEntry> bytes, List<CgroupStats.BlkioEntry> ios) {
        String s = CgroupFiles.read(dir.resolve("io.stat"));
        if (s == null) {
            return;
        }
        for (String line : s.split("\n")) {
            String[] f = line.strip().split("\\s+");
            String[] dev = f[0].split(":");
            if (f.length < 2 || dev.length != 2) {
                continue;
            }
            long major = number("io.stat", dev[0]);
            long minor = number("io.stat", dev[1]);
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                List<CgroupStats.BlkioEntry> table = switch (kv[0]) {
                    case "rbytes", "wbytes" -> bytes;
                    case "rios", "wios" -> ios;
                    default -> null; // dbytes, dios (discards) and the io.cost fields have no v1 counterpart
                };
                if (table != null) {
                    String op = kv[0].startsWith("r") ? "Read" : "Write";
                    table.add(new CgroupStats.BlkioEntry(major, minor, op, number("io.stat", kv[1])));
                }
            }
        }
    }

    /** Per page size, from the files the cgroup has (hugetlb.2MB.current, ...). */
    private Map<String, CgroupStats.Hugetlb> hugetlb() {
        Map<String, CgroupStats.Hugetlb> sizes = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "hugetlb.*.current")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String size = name.substring("hugetlb.".length(), name.length() - ".current".length());
                if (size.endsWith(".rsvd")) {
                    continue;
                }
                String p = "hugetlb." + size;
                // with reservation accounting the reserved pages are what the limits hold to
                String usage = Files.exists(dir.resolve(p + ".rsvd.current")) ? p + ".rsvd.current" : p + ".current";
                sizes.put(size, new CgroupStats.Hugetlb(value(usage), value(p + ".max"),
                        keyed(p + ".events").getOrDefault("max", 0L)));
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new ContainerException("list " + dir + ": " + e.getMessage(), e);
        }
        return sizes;
    }

    /** A one-value file; "max" is {@link #UNLIMITED}, a missing file 0. */
    private long value(String file) {
        String s = CgroupFiles.read(dir.resolve(file));
        return s == null || s.isEmpty() ? 0 : number(file, s);
    }

    /** A "key value" per line file (cpu.stat, memory.stat, memory.events); empty when missing. */
    private Map<String, Long> keyed(String file) {
        return CgroupFiles.keyed(dir.resolve(file), s -> number(file, s));
    }

    private long number(String file, String s) {
        if (s.equals("max")) {
            return UNLIMITED;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // a u64 counter beyond a long is not a real reading: report the file
            throw new ContainerException("read " + dir.resolve(file) + ": \"" + s + "\" is not a number");
        }
    }
}

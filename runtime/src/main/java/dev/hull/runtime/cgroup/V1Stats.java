package dev.hull.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a container's usage from its v1 cgroup directories. */
final class V1Stats {

    /** cpuacct.stat counts in USER_HZ ticks, which is 100 on every Linux architecture hull runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final CgroupLayout layout;
    private final Cgroup cgroup;

    V1Stats(CgroupLayout layout, Cgroup cgroup) {
        this.layout = layout;
        this.cgroup = cgroup;
    }

    CgroupStats read() {
        return new CgroupStats(cpu(), memory(), pids(), blkio("io_service_bytes_recursive"),
                blkio("io_serviced_recursive"), hugetlb());
    }

    private CgroupStats.Cpu cpu() {
        Optional<Path> acct = cgroup.v1Dir(layout, "cpuacct");
        Optional<Path> cpu = cgroup.v1Dir(layout, "cpu");
        long total = acct.map(d -> CgroupFiles.number(d.resolve("cpuacct.usage"))).orElse(0L);
        List<Long> percpu = acct.map(d -> CgroupFiles.numbers(d.resolve("cpuacct.usage_percpu"))).orElse(List.of());
        Map<String, Long> ticks = acct.map(d -> CgroupFiles.keyed(d.resolve("cpuacct.stat"))).orElse(Map.of());
        Map<String, Long> throttle = cpu.map(d -> CgroupFiles.keyed(d.resolve("cpu.stat"))).orElse(Map.of());
        return new CgroupStats.Cpu(total, percpu, ticks.getOrDefault("system", 0L) * NANOS_PER_TICK,
                ticks.getOrDefault("user", 0L) * NANOS_PER_TICK, throttle.getOrDefault("nr_periods", 0L),
                throttle.getOrDefault("nr_throttled", 0L), throttle.getOrDefault("throttled_time", 0L));
    }

    private CgroupStats.Memory memory() {
        Optional<Path> dir = cgroup.v1Dir(layout, "memory");
        if (dir.isEmpty()) {
            return new CgroupStats.Memory(0, CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE,
                    CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE, 0, Map.of());
        }
        Path d = dir.get();
        Map<String, Long> raw = CgroupFiles.keyed(d.resolve("memory.stat"));
        long oomKills = CgroupFiles.keyed(d.resolve("memory.oom_control")).getOrDefault("oom_kill", 0L);
        return new CgroupStats.Memory(raw.getOrDefault("total_cache", raw.getOrDefault("cache", 0L)),
                entry(d, "memory."), entry(d, "memory.memsw."), entry(d, "memory.kmem."),
                entry(d, "memory.kmem.tcp."), oomKills, raw);
    }

    private static CgroupStats.MemoryEntry entry(Path d, String prefix) {
        return new CgroupStats.MemoryEntry(CgroupFiles.number(d.resolve(prefix + "limit_in_bytes")),
                CgroupFiles.number(d.resolve(prefix + "usage_in_bytes")),
                CgroupFiles.number(d.resolve(prefix + "max_usage_in_bytes")),
                CgroupFiles.number(d.resolve(prefix + "failcnt")));
    }

    private CgroupStats.Pids pids() {
        return cgroup.v1Dir(layout, "pids")
                .map(d -> new CgroupStats.Pids(CgroupFiles.number(d.resolve("pids.current")),
                        CgroupFiles.number(d.resolve("pids.max"))))
                .orElse(new CgroupStats.Pids(0, 0));
    }

    /**
     * "8:0 Read 4096" lines. The throttle files count every request; the CFQ/BFQ files
     * only those of the scheduler, so the throttle ones are read first, as runc does.
     */
    private List<CgroupStats.BlkioEntry> blkio(String name) {
        Optional<Path> dir = cgroup.v1Dir(layout, "blkio");
        if (dir.isEmpty()) {
            return List.of();
        }
        String text = CgroupFiles.text(dir.get().resolve("blkio.throttle." + name));
        if (!text.lines().anyMatch(l -> l.contains(":"))) {
            text = CgroupFiles.text(dir.get().resolve("blkio." + name));
        }
        List<CgroupStats.BlkioEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                String[] mm = f[0].split(":");
                out.add(new CgroupStats.BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]), f[1],
                        Long.parseLong(f[2])));
            }
        }
        return out;
    }

    private Map<String, CgroupStats.Hugetlb> hugetlb() {
        Optional<Path> dir = cgroup.v1Dir(layout, "hugetlb");
        Map<String, CgroupStats.Hugetlb> out = new TreeMap<>();
        if (dir.isEmpty()) {
            return out;
        }
        try (var files = Files.list(dir.get())) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("hugetlb.") && n.endsWith(".usage_in_bytes")) {
                    String size = n.substring("hugetlb.".length(), n.length() - ".usage_in_bytes".length());
                    Path d = dir.get();
                    out.put(size, new CgroupStats.Hugetlb(CgroupFiles.number(f),
                            CgroupFiles.number(d.resolve("hugetlb." + size + ".max_usage_in_bytes")),
                            CgroupFiles.number(d.resolve("hugetlb." + size + ".failcnt"))));
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }
}

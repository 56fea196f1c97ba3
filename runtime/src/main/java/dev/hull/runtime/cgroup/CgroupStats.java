package dev.hull.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * A container's resource usage read from its cgroup, the same on v1 and v2. Units
 * are those of runc's {@code events --stats}: nanoseconds for cpu, bytes for
 * memory and io. A value the host does not account is 0 (or empty).
 *
 * @param hugetlb per page size ("2MB", "1GB")
 */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids, List<BlkioEntry> ioServiceBytes,
                          List<BlkioEntry> ioServiced, Map<String, Hugetlb> hugetlb) {

    public CgroupStats {
        ioServiceBytes = List.copyOf(ioServiceBytes);
        ioServiced = List.copyOf(ioServiced);
        hugetlb = Map.copyOf(hugetlb);
    }

    /** @param percpu nanoseconds per cpu; empty where the kernel does not split it (v2) */
    public record Cpu(long total, List<Long> percpu, long kernel, long user, long periods, long throttledPeriods,
                      long throttledTime) {
        public Cpu {
            percpu = List.copyOf(percpu);
        }
    }

    /** One memory counter: limit (Long.MAX_VALUE-ish "max" when unlimited), usage, peak, times the limit was hit. */
    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        public static final MemoryEntry NONE = new MemoryEntry(0, 0, 0, 0);
    }

    /**
     * @param oomKills processes the kernel's OOM killer killed in this cgroup
     * @param raw      the memory.stat file as it is (v1 names or v2 names)
     */
    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
                         long oomKills, Map<String, Long> raw) {
        public Memory {
            raw = Map.copyOf(raw);
        }
    }

    /** @param limit 0 when there is no limit */
    public record Pids(long current, long limit) {
    }

    /** @param op Read, Write, Sync, Async, Discard or Total, as runc names them */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    public record Hugetlb(long usage, long max, long failcnt) {
    }
}

package dev.hull.runtime.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage read from sample v2 files, in runc's units. */
class V2StatsTest {

    @TempDir
    Path tmp;

    @Test
    void samplesOfABusyContainer() {
        Path dir = new FakeCgroupV2(tmp).container("ctr");
        FakeCgroupV2.write(dir, "cpu.stat", """
                usage_usec 2500
                user_usec 1500
                system_usec 1000
                core_sched.force_idle_usec 0
                nr_periods 10
                nr_throttled 3
                throttled_usec 700
                nr_bursts 0
                burst_usec 0
                """);
        FakeCgroupV2.write(dir, "memory.current", "5242880\n");
        FakeCgroupV2.write(dir, "memory.max", "67108864\n");
        FakeCgroupV2.write(dir, "memory.peak", "6291456\n");
        FakeCgroupV2.write(dir, "memory.swap.current", "1048576\n");
        FakeCgroupV2.write(dir, "memory.swap.max", "67108864\n");
        FakeCgroupV2.write(dir, "memory.stat", "anon 3145728\nfile 2097152\nkernel 262144\nsock 0\npgfault 1234\n");
        FakeCgroupV2.write(dir, "memory.events", "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n");
        FakeCgroupV2.write(dir, "pids.current", "3\n");
        FakeCgroupV2.write(dir, "pids.max", "10\n");
        FakeCgroupV2.write(dir, "io.stat", """
                8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0
                253:0 rbytes=10 wbytes=0 rios=1 wios=0 dbytes=0 dios=0
                """);
        FakeCgroupV2.write(dir, "hugetlb.2MB.rsvd.current", "2097152\n");
        FakeCgroupV2.write(dir, "hugetlb.2MB.current", "0\n");
        FakeCgroupV2.write(dir, "hugetlb.2MB.max", "4194304\n");
        FakeCgroupV2.write(dir, "hugetlb.2MB.events", "max 2\n");

        CgroupStats s = V2Stats.read(dir);

        assertThat(s.cpu()).isEqualTo(new CgroupStats.Cpu(2_500_000, List.of(), 1_000_000, 1_500_000, 10, 3, 700_000));
        assertThat(s.memory().usage()).isEqualTo(new CgroupStats.MemoryEntry(67108864, 5242880, 6291456, 7));
        // v1's memsw: memory+swap
        assertThat(s.memory().swap()).isEqualTo(new CgroupStats.MemoryEntry(134217728, 6291456, 0, 0));
        assertThat(s.memory().cache()).isEqualTo(2097152);
        assertThat(s.memory().oomKills()).isEqualTo(1);
        assertThat(s.memory().raw()).containsEntry("anon", 3145728L).containsEntry("pgfault", 1234L).hasSize(5);
        assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(3, 10));
        assertThat(s.ioServiceBytes()).containsExactly(new CgroupStats.BlkioEntry(8, 0, "Read", 4096),
                new CgroupStats.BlkioEntry(8, 0, "Write", 8192), new CgroupStats.BlkioEntry(253, 0, "Read", 10),
                new CgroupStats.BlkioEntry(253, 0, "Write", 0));
        assertThat(s.ioServiced()).containsExactly(new CgroupStats.BlkioEntry(8, 0, "Read", 1),
                new CgroupStats.BlkioEntry(8, 0, "Write", 2), new CgroupStats.BlkioEntry(253, 0, "Read", 1),
                new CgroupStats.BlkioEntry(253, 0, "Write", 0));
        assertThat(s.hugetlb()).containsOnlyKeys("2MB", "1GB")
                .containsEntry("2MB", new CgroupStats.Hugetlb(2097152, 4194304, 2));
    }

    @Test
    void noLimitReadsAsMaxForMemoryAndZeroForPids() {
        Path dir = new FakeCgroupV2(tmp).container("ctr");
        CgroupStats s = V2Stats.read(dir);
        assertThat(s.memory().usage().limit()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.memory().swap().limit()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(0, 0));
        assertThat(s.hugetlb().get("1GB")).isEqualTo(new CgroupStats.Hugetlb(0, Long.MAX_VALUE, 0));
    }

    @Test
    void aCgroupWithoutControllersReadsAsZeros() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bare"));
        FakeCgroupV2.write(dir, "cgroup.procs", "41\n42\n");
        CgroupStats s = V2Stats.read(dir);
        assertThat(s.cpu()).isEqualTo(new CgroupStats.Cpu(0, List.of(), 0, 0, 0, 0, 0));
        assertThat(s.memory().usage()).isEqualTo(CgroupStats.MemoryEntry.NONE);
        assertThat(s.memory().swap()).isEqualTo(CgroupStats.MemoryEntry.NONE);
        assertThat(s.memory().raw()).isEmpty();
        assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(2, 0)); // counted from cgroup.procs
        assertThat(s.ioServiceBytes()).isEmpty();
        assertThat(s.hugetlb()).isEqualTo(Map.of());
        assertThat(V2Stats.read(tmp.resolve("gone")).pids()).isEqualTo(new CgroupStats.Pids(0, 0));
    }

    @Test
    void statsGoThroughTheResourcesInterface() {
        FakeCgroupV2 fs = new FakeCgroupV2(tmp);
        Path dir = fs.container("ctr");
        FakeCgroupV2.write(dir, "pids.current", "4");
        assertThat(Resources.of(fs.layout, fs.cgroup(dir)).stats().pids().current()).isEqualTo(4);
    }
}

package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** linux.resources on this host's cgroup v1 controllers, observed from the effect. */
class ResourcesV1IT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path tmp;

    private Cli.Result run(TestBundle b) {
        b.write();
        String id = "res-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Cli.Result r = Cli.run(b.dir, "run", "--bundle", b.dir.toString(), id);
        Leftovers.assertNone(id);
        return r;
    }

    @Test
    void aMemoryHogIsOomKilledAtItsLimit() {
        // dd's 64 MiB buffer cannot fit in 32 MiB: the kernel's OOM killer ends it
        TestBundle b = TestBundle.sh(tmp, "cat /sys/fs/cgroup/memory/memory.limit_in_bytes; "
                + "dd if=/dev/zero of=/dev/null bs=64M count=1 2>/dev/null; echo status=$?; "
                + "grep oom_kill /sys/fs/cgroup/memory/memory.oom_control");
        b.linux().with("resources").putObject("memory").put("limit", 32L << 20);
        Cli.Result r = run(b);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains(Long.toString(32L << 20)).contains("status=137").contains("oom_kill 1");
    }

    @Test
    void aForkLoopStopsAtThePidsLimit() {
        // the loop's shell dies when fork fails; the outer shell then reads with builtins (no fork)
        TestBundle b = TestBundle.sh(tmp, "sh -c 'i=0; while [ $i -lt 40 ]; do sleep 5 & i=$((i+1)); done' "
                + "2>/dev/null; echo inner=$?; read max < /sys/fs/cgroup/pids/pids.max; "
                + "read cur < /sys/fs/cgroup/pids/pids.current; echo $max; echo $cur");
        b.linux().with("resources").putObject("pids").put("limit", 10);
        Cli.Result r = run(b);
        assertThat(r.exit()).as(r.toString()).isZero();
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).isNotEqualTo("inner=0"); // the loop could not start all 40
        assertThat(lines.get(1)).isEqualTo("10");
        assertThat(Integer.parseInt(lines.get(2))).isBetween(2, 10);
    }

    @Test
    void cpuAndCpusetValuesLandInTheCgroup() {
        TestBundle b = TestBundle.sh(tmp, "cat /sys/fs/cgroup/cpu/cpu.cfs_period_us /sys/fs/cgroup/cpu/cpu.cfs_quota_us "
                + "/sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpuset/cpuset.cpus; grep Cpus_allowed_list /proc/self/status");
        ObjectNode cpu = b.linux().with("resources").putObject("cpu");
        cpu.put("period", 100000).put("quota", 50000).put("shares", 512).put("cpus", "0");
        Cli.Result r = run(b);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).startsWith("100000", "50000", "512", "0");
        assertThat(r.out()).containsPattern("Cpus_allowed_list:\\s+0\\n");
    }

    @Test
    void anImpossibleValueNamesTheKeyAndLeavesNothing() {
        TestBundle b = TestBundle.sh(tmp, "true");
        b.linux().with("resources").putObject("cpu").put("cpus", "63");
        Cli.Result r = run(b);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("linux.resources.cpu.cpus \"63\"").contains("cpuset.cpus");
    }
}

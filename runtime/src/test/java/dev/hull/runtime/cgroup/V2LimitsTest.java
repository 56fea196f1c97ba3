package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.runtime.ContainerException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What linux.resources becomes on cgroup v2: the exact writes, in order, and the errors. */
class V2LimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void cgroup() {
        dir = new FakeCgroupV2(tmp).container("ctr");
    }

    private List<String> plan(String resources) {
        return V2Limits.plan(dir, json(resources)).stream().map(V2Write::toString).toList();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void planFails(String resources, String message) {
        assertThatThrownBy(() -> V2Limits.plan(dir, json(resources)))
                .isInstanceOf(ContainerException.class).hasMessage(message);
    }

    // ---- what the engines send

    /** docker run --memory 64m --memory-swap 128m --cpus 0.5 --cpu-shares 512 --pids-limit 10
     *  --blkio-weight 300 --device-read-bps /dev/sda:1mb */
    private static final String DOCKER = """
            {"devices": [{"allow": false, "access": "rwm"}],
             "memory": {"limit": 67108864, "swap": 134217728, "disableOOMKiller": false},
             "cpu": {"shares": 512, "quota": 50000, "period": 100000},
             "pids": {"limit": 10},
             "blockIO": {"weight": 300, "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}]}}""";

    @Test
    void dockersLimits() {
        assertThat(plan(DOCKER)).containsExactly("pids.max=10", "memory.swap.max=67108864", "memory.max=67108864",
                "io.weight=2930", "io.max=8:0 rbps=1048576", "cpu.weight=59", "cpu.max=50000 100000");
    }

    @Test
    void dockersBlkioWeightGoesToBfqAsItIsWhenBfqIsLoaded() {
        FakeCgroupV2.write(dir, "io.bfq.weight", "default 100");
        assertThat(plan(DOCKER)).contains("io.bfq.weight=300").doesNotContain("io.weight=2930");
    }

    /** podman run --memory 64m --memory-reservation 32m --cpu-quota 20000 --cpuset-cpus 0 (pids 2048 by default) */
    @Test
    void podmansLimits() {
        assertThat(plan("""
                {"memory": {"limit": 67108864, "reservation": 33554432, "swap": 134217728},
                 "cpu": {"quota": 20000, "cpus": "0"},
                 "pids": {"limit": 2048}}""")).containsExactly("pids.max=2048", "memory.swap.max=67108864",
                "memory.max=67108864", "memory.low=33554432", "cpu.max=20000 100000", "cpuset.cpus=0");
    }

    @Test
    void runcsDefaultsWriteNothing() {
        assertThat(plan("{\"devices\": [{\"allow\": false, \"access\": \"rwm\"}]}")).isEmpty();
        assertThat(V2Limits.plan(dir, null)).isEmpty();
        assertThat(plan("{}")).isEmpty();
    }

    /** A burstable pod through containerd: no swap, every huge page size at 0, OOM as a group. */
    @Test
    void kubernetesLimits() {
        assertThat(plan("""
                {"memory": {"limit": 134217728, "swap": 134217728},
                 "cpu": {"shares": 102, "quota": 50000, "period": 100000},
                 "hugepageLimits": [{"pageSize": "2MB", "limit": 0}, {"pageSize": "1GB", "limit": 0}],
                 "unified": {"memory.oom.group": "1"}}""")).containsExactly("memory.swap.max=0",
                "memory.max=134217728", "cpu.weight=17", "cpu.max=50000 100000", "hugetlb.2MB.max=0",
                "hugetlb.2MB.rsvd.max=0", "hugetlb.1GB.max=0", "hugetlb.1GB.rsvd.max=0", "memory.oom.group=1");
    }

    // ---- memory

    @Test
    void unlimitedMemoryLiftsSwapToo() {
        assertThat(plan("{\"memory\": {\"limit\": -1}}")).containsExactly("memory.max=max", "memory.swap.max=max");
    }

    @Test
    void memoryGoesInFirstWhenItRisesAndSwapFirstWhenMemoryFalls() {
        FakeCgroupV2.write(dir, "memory.max", "67108864");
        assertThat(plan("{\"memory\": {\"limit\": 134217728, \"swap\": 268435456}}"))
                .containsExactly("memory.max=134217728", "memory.swap.max=134217728");
        assertThat(plan("{\"memory\": {\"limit\": 33554432, \"swap\": 268435456}}"))
                .containsExactly("memory.swap.max=234881024", "memory.max=33554432");
    }

    @Test
    void withoutSwapAccountingNoLimitAndNoSwapAreSkippedButASwapAmountIsAnError() {
        FakeCgroupV2.remove(dir, "memory.swap.max");
        assertThat(plan("{\"memory\": {\"limit\": 1048576, \"swap\": -1}}")).containsExactly("memory.max=1048576");
        assertThat(plan("{\"memory\": {\"limit\": 1048576, \"swap\": 1048576}}")).containsExactly("memory.max=1048576");
        planFails("{\"memory\": {\"limit\": 1048576, \"swap\": 2097152}}",
                "linux.resources.memory.swap 2097152: this kernel has no memory.swap.max in " + dir);
    }

    @Test
    void whatV2HasNoFileForIsIgnoredAsRuncDoes() {
        assertThat(plan("""
                {"memory": {"swappiness": 60, "kernel": 1048576, "kernelTCP": 1048576,
                            "disableOOMKiller": true, "useHierarchy": true},
                 "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 500}]},
                 "blockIO": {"leafWeight": 10, "weightDevice": [{"major": 8, "minor": 0, "leafWeight": 300}]}}""")).isEmpty();
    }

    @Test
    void checkBeforeUpdateRefusesALimitTheUsageAlreadyExceeds() {
        FakeCgroupV2.write(dir, "memory.current", "104857600");
        planFails("{\"memory\": {\"limit\": 67108864, \"checkBeforeUpdate\": true}}",
                "linux.resources.memory.limit 67108864: not above the container's memory usage 104857600"
                        + " (linux.resources.memory.checkBeforeUpdate is set)");
        assertThat(plan("{\"memory\": {\"limit\": 67108864}}")).containsExactly("memory.max=67108864");
        assertThat(plan("{\"memory\": {\"limit\": 209715200, \"checkBeforeUpdate\": true}}"))
                .containsExactly("memory.max=209715200");
    }

    // ---- cpu

    @Test
    void aQuotaAloneKeepsThePeriodTheCgroupHasAndAPeriodAloneKeepsTheQuota() {
        FakeCgroupV2.write(dir, "cpu.max", "30000 250000");
        assertThat(plan("{\"cpu\": {\"quota\": 50000}}")).containsExactly("cpu.max=50000 250000");
        assertThat(plan("{\"cpu\": {\"period\": 50000}}")).containsExactly("cpu.max=30000 50000");
        assertThat(plan("{\"cpu\": {\"quota\": -1}}")).containsExactly("cpu.max=max 250000");
        assertThat(plan("{\"cpu\": {\"quota\": 0, \"period\": 0}}")).isEmpty();
    }

    @Test
    void theBurstGoesFirstOnlyWhenTheNewQuotaIsBelowTheBurstInForce() {
        assertThat(plan("{\"cpu\": {\"quota\": 50000, \"period\": 100000, \"burst\": 20000}}"))
                .containsExactly("cpu.max=50000 100000", "cpu.max.burst=20000");
        FakeCgroupV2.write(dir, "cpu.max", "100000 100000");
        FakeCgroupV2.write(dir, "cpu.max.burst", "80000");
        assertThat(plan("{\"cpu\": {\"quota\": 50000, \"burst\": 20000}}"))
                .containsExactly("cpu.max.burst=20000", "cpu.max=50000 100000");
        assertThat(plan("{\"cpu\": {\"burst\": 0}}")).containsExactly("cpu.max.burst=0");
    }

    @Test
    void idleCpusetsAndMems() {
        assertThat(plan("{\"cpu\": {\"idle\": 1, \"cpus\": \"0-1\", \"mems\": \"0\"}}"))
                .containsExactly("cpu.idle=1", "cpuset.cpus=0-1", "cpuset.mems=0");
        assertThat(plan("{\"cpu\": {\"idle\": 0, \"shares\": 1024, \"cpus\": \"\"}}"))
                .containsExactly("cpu.idle=0", "cpu.weight=100");
    }

    // ---- pids

    @Test
    void pidsMinusOneIsMaxAndZeroLeavesItAlone() {
        assertThat(plan("{\"pids\": {\"limit\": -1}}")).containsExactly("pids.max=max");
        assertThat(plan("{\"pids\": {\"limit\": 0}}")).isEmpty();
        assertThat(plan("{\"pids\": {}}")).isEmpty();
    }

    // ---- block IO

    @Test
    void deviceWeightsGoToBfqWhenItTakesThemElseToIoWeightConverted() {
        String weights = "{\"blockIO\": {\"weightDevice\": [{\"major\": 8, \"minor\": 0, \"weight\": 500},"
                + " {\"major\": 8, \"minor\": 16, \"weight\": 10, \"leafWeight\": 10}]}}";
        assertThat(plan(weights)).containsExactly("io.weight=8:0 4950", "io.weight=8:16 1");
        FakeCgroupV2.write(dir, "io.bfq.weight", "100"); // bfq before 5.4: one number, no devices
        assertThat(plan(weights)).containsExactly("io.weight=8:0 4950", "io.weight=8:16 1");
        FakeCgroupV2.write(dir, "io.bfq.weight", "default 100\n8:0 200");
        List<V2Write> writes = V2Limits.plan(dir, json(weights));
        assertThat(writes.stream().map(V2Write::toString)).containsExactly("io.bfq.weight=8:0 500",
                "io.bfq.weight=8:16 10");
        assertThat(writes.stream().map(V2Write::undo)).containsExactly("8:0 200", "8:16 default");
    }

    @Test
    void throttlesAreOneDeviceAndKindPerWriteAndUndoToTheDevicesOwnLine() {
        FakeCgroupV2.write(dir, "io.max", "8:0 rbps=2097152 wbps=max riops=max wiops=max");
        List<V2Write> writes = V2Limits.plan(dir, json("""
                {"blockIO": {"throttleWriteIOPSDevice": [{"major": 8, "minor": 16, "rate": 300}],
                             "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 600}],
                             "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 0}],
                             "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 18446744073709551615}]}}"""));
        assertThat(writes.stream().map(V2Write::toString)).containsExactly("io.max=8:0 rbps=600",
                "io.max=8:0 wbps=max", "io.max=8:0 riops=18446744073709551615", "io.max=8:16 wiops=300");
        assertThat(writes.getFirst().undo()).isEqualTo("8:0 rbps=2097152 wbps=max riops=max wiops=max");
        assertThat(writes.getLast().undo()).isEqualTo("8:16 rbps=max wbps=max riops=max wiops=max");
        assertThat(writes.getFirst().key()).isEqualTo("linux.resources.blockIO.throttleReadBpsDevice[0].rate");
    }

    @Test
    void theDefaultWeightUndoesToTheDefaultLine() {
        FakeCgroupV2.write(dir, "io.weight", "default 100\n8:0 50");
        assertThat(V2Limits.plan(dir, json("{\"blockIO\": {\"weight\": 1000}}")).getFirst().undo())
                .isEqualTo("default 100");
    }

    // ---- hugetlb, rdma, unified

    @Test
    void hugePagesLimitReservationsTooWhereTheKernelHasThem() {
        FakeCgroupV2.remove(dir, "hugetlb.1GB.rsvd.max");
        assertThat(plan("{\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 209715200},"
                + " {\"pageSize\": \"1GB\", \"limit\": 1073741824}]}")).containsExactly(
                "hugetlb.2MB.max=209715200", "hugetlb.2MB.rsvd.max=209715200", "hugetlb.1GB.max=1073741824");
    }

    @Test
    void rdmaLinesNameOnlyWhatIsGivenAndUndoToTheDevicesLine() {
        FakeCgroupV2.write(dir, "rdma.max", "mlx5_1 hca_handle=2 hca_object=max");
        List<V2Write> writes = V2Limits.plan(dir, json("""
                {"rdma": {"mlx5_1": {"hcaHandles": 3, "hcaObjects": 10000}, "mlx4_0": {"hcaObjects": 1000}}}"""));
        assertThat(writes.stream().map(V2Write::toString)).containsExactly(
                "rdma.max=mlx5_1 hca_handle=3 hca_object=10000", "rdma.max=mlx4_0 hca_object=1000");
        assertThat(writes.stream().map(V2Write::undo)).containsExactly("mlx5_1 hca_handle=2 hca_object=max",
                "mlx4_0 hca_handle=max hca_object=max");
    }

    @Test
    void unifiedValuesAreWrittenAsGivenOneLinePerWriteAfterEverythingElse() {
        assertThat(plan("""
                {"unified": {"io.max": "259:0 rbps=2097152 wiops=120\\n253:0 rbps=2097152 wiops=120",
                             "memory.high": "max", "cgroup.type": "threaded"},
                 "pids": {"limit": 5}}""")).containsExactly("pids.max=5", "io.max=259:0 rbps=2097152 wiops=120",
                "io.max=253:0 rbps=2097152 wiops=120", "memory.high=max", "cgroup.type=threaded");
    }

    // ---- errors: one line each, naming the key and the value

    @Test
    void badMemoryValues() {
        planFails("{\"memory\": {\"limit\": -2}}", "linux.resources.memory.limit -2: is a number of bytes, or -1 for no limit");
        planFails("{\"memory\": {\"limit\": \"64m\"}}", "linux.resources.memory.limit \"64m\": is not an integer");
        planFails("{\"memory\": {\"reservation\": 1.5}}", "linux.resources.memory.reservation 1.5: is not an integer");
        planFails("{\"memory\": {\"swap\": 134217728}}", "linux.resources.memory.swap 134217728: swap counts"
                + " memory+swap, so it needs linux.resources.memory.limit too");
        planFails("{\"memory\": {\"limit\": 67108864, \"swap\": 1048576}}", "linux.resources.memory.swap 1048576:"
                + " swap counts memory+swap, so it must not be below linux.resources.memory.limit 67108864");
    }

    @Test
    void badCpuValues() {
        planFails("{\"cpu\": {\"realtimeRuntime\": 950000}}", "linux.resources.cpu.realtimeRuntime 950000:"
                + " cgroup v2 has no realtime cpu limits (cpu.rt_* exist on cgroup v1 only)");
        planFails("{\"cpu\": {\"realtimePeriod\": 1000000}}", "linux.resources.cpu.realtimePeriod 1000000:"
                + " cgroup v2 has no realtime cpu limits (cpu.rt_* exist on cgroup v1 only)");
        planFails("{\"cpu\": {\"shares\": -1}}", "linux.resources.cpu.shares -1: must not be negative");
        planFails("{\"cpu\": {\"period\": -5}}", "linux.resources.cpu.period -5: must not be negative");
        planFails("{\"cpu\": {\"quota\": 10000, \"burst\": 20000}}",
                "linux.resources.cpu.burst 20000: must not exceed linux.resources.cpu.quota 10000");
        planFails("{\"cpu\": {\"idle\": 1, \"shares\": 512}}",
                "linux.resources.cpu.shares 512: an idle cgroup (linux.resources.cpu.idle 1) has no weight to set");
        planFails("{\"cpu\": {\"cpus\": 3}}", "linux.resources.cpu.cpus 3: is not a string");
        assertThat(plan("{\"cpu\": {\"realtimeRuntime\": 0, \"realtimePeriod\": 0}}")).isEmpty();
    }

    @Test
    void badBlockIoValues() {
        planFails("{\"blockIO\": {\"weight\": 5}}", "linux.resources.blockIO.weight 5: a block IO weight is between 10 and 1000");
        FakeCgroupV2.write(dir, "io.bfq.weight", "default 100");
        planFails("{\"blockIO\": {\"weight\": 2000}}", "linux.resources.blockIO.weight 2000: a block IO weight is between 10 and 1000");
        planFails("{\"blockIO\": {\"weightDevice\": [{\"minor\": 0, \"weight\": 500}]}}",
                "linux.resources.blockIO.weightDevice[0] {\"minor\":0,\"weight\":500}: needs major and minor");
        planFails("{\"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": 8, \"minor\": 0}]}}",
                "linux.resources.blockIO.throttleReadBpsDevice[0].rate (none): is required");
        planFails("{\"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": 8, \"minor\": 0, \"rate\": -1}]}}",
                "linux.resources.blockIO.throttleReadBpsDevice[0].rate -1: is not an unsigned 64-bit integer");
    }

    @Test
    void badHugetlbAndRdmaValues() {
        planFails("{\"hugepageLimits\": [{\"pageSize\": \"../../../etc/x\", \"limit\": 1}]}",
                "linux.resources.hugepageLimits[0].pageSize \"../../../etc/x\": is not a page size such as 2MB or 1GB");
        planFails("{\"hugepageLimits\": [{\"pageSize\": \"3MB\", \"limit\": 1}]}",
                "linux.resources.hugepageLimits[0].limit 1: this kernel has no hugetlb.3MB.max in " + dir);
        planFails("{\"hugepageLimits\": [{\"pageSize\": \"2MB\"}]}",
                "linux.resources.hugepageLimits[0].limit (none): is required");
        planFails("{\"rdma\": {\"mlx5_1\": {}}}", "linux.resources.rdma[\"mlx5_1\"] {}: needs hcaHandles or hcaObjects");
        planFails("{\"rdma\": {\"a b\": {\"hcaObjects\": 1}}}",
                "linux.resources.rdma[\"a b\"] \"a b\": is not an RDMA device name");
    }

    @Test
    void badUnifiedKeys() {
        String noPath = ": the key must be a cgroup file name such as memory.high (controller.parameter, no '/')";
        planFails("{\"unified\": {\"../memory.max\": \"1\"}}", "linux.resources.unified[\"../memory.max\"] \"1\"" + noPath);
        planFails("{\"unified\": {\"sub/memory.max\": \"1\"}}", "linux.resources.unified[\"sub/memory.max\"] \"1\"" + noPath);
        planFails("{\"unified\": {\"memory\": \"1\"}}", "linux.resources.unified[\"memory\"] \"1\"" + noPath);
        planFails("{\"unified\": {\"memory.max\": 1}}", "linux.resources.unified[\"memory.max\"] 1: is not a string");
        planFails("{\"unified\": {\"memory.nosuchfile\": \"1\"}}",
                "linux.resources.unified[\"memory.nosuchfile\"] \"1\": this kernel has no memory.nosuchfile in " + dir);
    }

    @Test
    void aControllerTheParentDoesNotPassOnIsNamed() {
        FakeCgroupV2.write(dir, "cgroup.controllers", "cpu pids");
        FakeCgroupV2.remove(dir, "memory.high");
        FakeCgroupV2.remove(dir, "memory.max");
        String why = "the memory controller is not enabled for " + dir
                + " (cgroup.controllers: cpu pids; the parent's cgroup.subtree_control must list it)";
        planFails("{\"unified\": {\"memory.high\": \"1048576\"}}",
                "linux.resources.unified[\"memory.high\"] \"1048576\": " + why);
        planFails("{\"memory\": {\"limit\": 1048576}}", "linux.resources.memory.limit 1048576: " + why);
    }
}

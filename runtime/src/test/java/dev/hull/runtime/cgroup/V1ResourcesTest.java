package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.runtime.ContainerException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V1Resources on a fake v1 cgroupfs: plain files in a temporary directory, no root needed. */
class V1ResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Path memory;
    private Path cpu;
    private Path blkio;
    private Resources resources;

    @BeforeEach
    void fakeCgroupfs() throws Exception {
        memory = Files.createDirectories(root.resolve("memory/ctr"));
        cpu = Files.createDirectories(root.resolve("cpu/ctr"));
        Path cpuset = Files.createDirectories(root.resolve("cpuset/ctr"));
        blkio = Files.createDirectories(root.resolve("blkio/ctr"));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "67108864\n");
        Files.writeString(memory.resolve("memory.memsw.limit_in_bytes"), "67108864\n");
        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Files.writeString(cpu.resolve("cpu.shares"), "1024\n");
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "-1\n");
        Files.writeString(blkio.resolve("blkio.throttle.read_bps_device"), "8:0 1000\n");
        Files.createDirectory(cpuset.resolve("cpuset.cpus")); // a directory: every write to it fails
        CgroupLayout layout = new CgroupLayout(List.of(
                new CgroupHierarchy("memory", root.resolve("memory"), "cgroup", "memory"),
                new CgroupHierarchy("cpu", root.resolve("cpu"), "cgroup", "cpu"),
                new CgroupHierarchy("cpuset", root.resolve("cpuset"), "cgroup", "cpuset"),
                new CgroupHierarchy("blkio", root.resolve("blkio"), "cgroup", "blkio")));
        resources = Resources.of(layout, new Cgroup(List.of(memory, cpu, cpuset, blkio)));
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static String read(Path f) throws Exception {
        return Files.readString(f).trim();
    }

    @Test
    void aRisingSwapLimitIsWrittenBeforeTheMemoryLimitAndAFallingOneAfter() throws Exception {
        resources.update(json("{\"memory\":{\"limit\":134217728,\"swap\":268435456}}"));
        assertThat(read(memory.resolve("memory.limit_in_bytes"))).isEqualTo("134217728");
        assertThat(read(memory.resolve("memory.memsw.limit_in_bytes"))).isEqualTo("268435456");
    }

    @Test
    void aFailingWritePutsBackEveryValueWrittenBeforeIt() throws Exception {
        assertThatThrownBy(() -> resources.update(json("{\"memory\":{\"limit\":134217728,\"disableOOMKiller\":true},"
                + "\"cpu\":{\"shares\":300,\"quota\":50000,\"cpus\":\"0\"},"
                + "\"blockIO\":{\"throttleReadBpsDevice\":[{\"major\":8,\"minor\":16,\"rate\":5}]}}")))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("linux.resources.cpu.cpus \"0\": ").hasMessageContaining("cpuset.cpus");
        assertThat(read(memory.resolve("memory.limit_in_bytes"))).isEqualTo("67108864");
        assertThat(read(memory.resolve("memory.oom_control"))).isEqualTo("0"); // oom_kill_disable's old value
        assertThat(read(cpu.resolve("cpu.shares"))).isEqualTo("1024");
        assertThat(read(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("-1");
        assertThat(read(blkio.resolve("blkio.throttle.read_bps_device"))).isEqualTo("8:0 1000"); // not reached
    }

    @Test
    void aPerDeviceUndoRemovesADeviceThatHadNoLine() throws Exception {
        Files.writeString(cpu.resolve("cpu.shares"), "1024\n");
        assertThatThrownBy(() -> resources.update(json("{\"blockIO\":{\"throttleReadBpsDevice\":"
                + "[{\"major\":8,\"minor\":16,\"rate\":5}]},\"unified\":{\"x\":\"1\"}}")))
                .hasMessageContaining("linux.resources.unified");
        Files.delete(blkio.resolve("blkio.throttle.read_bps_device"));
        Files.writeString(blkio.resolve("blkio.throttle.read_bps_device"), "8:0 1000\n");
        assertThatThrownBy(() -> resources.update(json("{\"blockIO\":{\"throttleReadBpsDevice\":"
                + "[{\"major\":8,\"minor\":16,\"rate\":5}]},\"hugepageLimits\":[{\"pageSize\":\"2MB\",\"limit\":1}]}")))
                .hasMessageContaining("linux.resources.hugepageLimits[2MB].limit 1: the hugetlb controller is not mounted");
        // the fake file keeps only the last write: the undo line for a device that had none is "maj:min 0"
        assertThat(read(blkio.resolve("blkio.throttle.read_bps_device"))).isEqualTo("8:16 0");
    }

    @Test
    void statsReadTheCountersAndReportZerosForWhatIsMissing() throws Exception {
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "1000\n");
        Files.writeString(memory.resolve("memory.stat"), "cache 10\nrss 20\ntotal_cache 30\n");
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 5\nnr_throttled 2\nthrottled_time 999\n");
        CgroupStats s = resources.stats();
        assertThat(s.memory().usage()).isEqualTo(new CgroupStats.MemoryEntry(67108864, 1000, 0, 0));
        assertThat(s.memory().cache()).isEqualTo(30);
        assertThat(s.memory().oomKills()).isEqualTo(2);
        assertThat(s.memory().raw()).containsEntry("rss", 20L);
        assertThat(s.cpu().periods()).isEqualTo(5);
        assertThat(s.cpu().throttledPeriods()).isEqualTo(2);
        assertThat(s.cpu().throttledTime()).isEqualTo(999);
        assertThat(s.cpu().total()).isZero(); // no cpuacct hierarchy
        assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(0, 0));
    }
}

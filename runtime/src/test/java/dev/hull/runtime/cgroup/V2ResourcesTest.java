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

/** apply and update on a fake cgroup v2 directory: what the files hold afterwards. */
class V2ResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private FakeCgroupV2 fs;
    private Path dir;
    private Resources resources;

    @BeforeEach
    void cgroup() {
        fs = new FakeCgroupV2(tmp);
        dir = fs.container("ctr");
        resources = Resources.of(fs.layout, fs.cgroup(dir));
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private String file(String name) {
        return FakeCgroupV2.read(dir, name);
    }

    @Test
    void aUnifiedLayoutGetsTheV2Implementation() {
        assertThat(resources).isInstanceOf(V2Resources.class);
        assertThatThrownBy(() -> new V2Resources(new Cgroup(List.of(dir, dir))))
                .isInstanceOf(ContainerException.class).hasMessageStartingWith("a cgroup v2 container has one cgroup directory");
    }

    @Test
    void applyWritesDockersLimitsIntoTheFiles() throws Exception {
        resources.apply(json("""
                {"memory": {"limit": 67108864, "swap": 134217728},
                 "cpu": {"shares": 512, "quota": 50000, "period": 100000},
                 "pids": {"limit": 10},
                 "blockIO": {"weight": 300, "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}]}}"""));
        assertThat(file("memory.max")).isEqualTo("67108864");
        assertThat(file("memory.swap.max")).isEqualTo("67108864");
        assertThat(file("cpu.weight")).isEqualTo("59");
        assertThat(file("cpu.max")).isEqualTo("50000 100000");
        assertThat(file("pids.max")).isEqualTo("10");
        assertThat(file("io.weight")).isEqualTo("2930");
        assertThat(file("io.max")).isEqualTo("8:0 rbps=1048576");
    }

    @Test
    void aFailedWriteNamesTheKeyTheValueAndTheFile() throws Exception {
        FakeCgroupV2.breakWrites(dir, "pids.max");
        assertThatThrownBy(() -> resources.apply(json("{\"pids\": {\"limit\": 10}}")))
                .isInstanceOf(ContainerException.class)
                .hasMessage("linux.resources.pids.limit 10: write to " + dir.resolve("pids.max") + ": Is a directory");
    }

    @Test
    void aConvertedValueIsShownBesideTheConfigsValue() throws Exception {
        FakeCgroupV2.breakWrites(dir, "memory.swap.max");
        assertThatThrownBy(() -> resources.apply(json("{\"memory\": {\"limit\": 67108864, \"swap\": 134217728}}")))
                .hasMessage("linux.resources.memory.swap 134217728: write \"67108864\" to "
                        + dir.resolve("memory.swap.max") + ": Is a directory");
    }

    @Test
    void aFailedUpdatePutsBackEveryLimitItHadAlreadyChanged() throws Exception {
        FakeCgroupV2.write(dir, "memory.max", "67108864");
        FakeCgroupV2.write(dir, "memory.swap.max", "67108864");
        FakeCgroupV2.write(dir, "cpu.max", "50000 100000");
        FakeCgroupV2.write(dir, "io.max", "8:0 rbps=2097152 wbps=max riops=max wiops=max");
        FakeCgroupV2.refuseWrites(dir, "hugetlb.2MB.max"); // the last write fails
        assertThatThrownBy(() -> resources.update(json("""
                {"pids": {"limit": 20},
                 "memory": {"limit": 134217728, "swap": 268435456},
                 "blockIO": {"throttleWriteBpsDevice": [{"major": 8, "minor": 16, "rate": 1048576}],
                             "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}]},
                 "cpu": {"quota": 20000, "cpus": "0"},
                 "hugepageLimits": [{"pageSize": "2MB", "limit": 2097152}]}""")))
                .hasMessage("linux.resources.hugepageLimits[0].limit 2097152: write to " + dir.resolve("hugetlb.2MB.max")
                        + ": Permission denied");
        assertThat(file("pids.max")).isEqualTo("max");
        assertThat(file("memory.max")).isEqualTo("67108864");
        assertThat(file("memory.swap.max")).isEqualTo("67108864");
        assertThat(file("cpu.max")).isEqualTo("50000 100000");
        assertThat(file("cpuset.cpus")).isEmpty(); // a newline: writing nothing would not reach the kernel
        // io.max takes one device per write: the last undo (the first write's) restores 8:0's line;
        // 8:16, which had no line, was reset to no limits just before
        assertThat(file("io.max")).isEqualTo("8:0 rbps=2097152 wbps=max riops=max wiops=max");
    }

    @Test
    void anUndoLiftsAThrottleTheDeviceDidNotHave() throws Exception {
        FakeCgroupV2.refuseWrites(dir, "cpu.weight");
        assertThatThrownBy(() -> resources.update(json("""
                {"blockIO": {"throttleWriteBpsDevice": [{"major": 8, "minor": 16, "rate": 1048576}]},
                 "cpu": {"shares": 512}}"""))).hasMessageContaining("linux.resources.cpu.shares 512: write \"59\" to");
        assertThat(file("io.max")).isEqualTo("8:16 rbps=max wbps=max riops=max wiops=max");
    }

    @Test
    void aFileThatCannotBeReadForItsUndoFailsTheUpdateWithoutTouchingIt() throws Exception {
        FakeCgroupV2.breakWrites(dir, "cpu.weight");
        assertThatThrownBy(() -> resources.update(json("{\"pids\": {\"limit\": 20}, \"cpu\": {\"shares\": 512}}")))
                .hasMessage("linux.resources.cpu.shares 512: read " + dir.resolve("cpu.weight") + ": Is a directory");
        assertThat(file("pids.max")).isEqualTo("max");
    }

    @Test
    void aBadConfigFailsAnUpdateBeforeAnyWrite() throws Exception {
        FakeCgroupV2.remove(dir, "cpu.idle"); // a kernel before 5.15
        assertThatThrownBy(() -> resources.update(json("{\"pids\": {\"limit\": 20}, \"cpu\": {\"idle\": 1}}")))
                .hasMessage("linux.resources.cpu.idle 1: this kernel has no cpu.idle in " + dir);
        assertThat(file("pids.max")).isEqualTo("max");
    }

    @Test
    void aGoodUpdateChangesOnlyWhatItNames() throws Exception {
        resources.apply(json("{\"memory\": {\"limit\": 67108864, \"swap\": 134217728}, \"pids\": {\"limit\": 10}}"));
        resources.update(json("{\"memory\": {\"limit\": 134217728}, \"cpu\": {\"quota\": 25000}}"));
        assertThat(file("memory.max")).isEqualTo("134217728");
        assertThat(file("memory.swap.max")).isEqualTo("67108864"); // no swap given: left as it is
        assertThat(file("pids.max")).isEqualTo("10");
        assertThat(file("cpu.max")).isEqualTo("25000 100000");
    }
}

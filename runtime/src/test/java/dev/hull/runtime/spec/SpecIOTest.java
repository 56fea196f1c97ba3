package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecIOTest {

    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void defaultSpecSurvivesWriteAndRead() {
        Spec spec = SpecDefaults.spec(false, false, 0, 0);
        String json = SpecIO.write(spec);
        Spec back = SpecIO.parse(json);
        assertThat(back).isEqualTo(spec);
        assertThat(SpecIO.write(back)).isEqualTo(json);
    }

    @Test
    void rootlessSpecSurvivesWriteAndRead() {
        Spec spec = SpecDefaults.spec(true, true, 1000, 1001);
        assertThat(SpecIO.parse(SpecIO.write(spec))).isEqualTo(spec);
    }

    @Test
    void writtenDefaultSpecHasRuncsShape() throws IOException {
        JsonNode n = M.readTree(SpecIO.write(SpecDefaults.spec(false, false, 0, 0)));
        assertThat(n.get("ociVersion").asText()).isEqualTo("1.2.0");
        assertThat(n.at("/process/terminal").asBoolean()).isTrue();
        assertThat(n.at("/process/user/uid").isNumber()).isTrue();
        assertThat(n.at("/process/args/0").asText()).isEqualTo("sh");
        assertThat(n.at("/process/rlimits/0/hard").asLong()).isEqualTo(1024);
        assertThat(n.at("/root/readonly").asBoolean()).isTrue();
        assertThat(n.at("/linux/resources/devices/0/access").asText()).isEqualTo("rwm");
        // nulls, empty lists and false flags are left out
        assertThat(n.has("hooks")).isFalse();
        assertThat(n.has("domainname")).isFalse();
        assertThat(n.get("process").has("apparmorProfile")).isFalse();
        assertThat(n.get("process").get("capabilities").has("inheritable")).isFalse();
        assertThat(n.get("mounts").get(0).has("options")).isFalse();
    }

    @Test
    void readsWhatRuncSpecWrites() throws IOException {
        Spec spec;
        try (InputStream in = getClass().getResourceAsStream("runc-1.1-spec.json")) {
            spec = SpecIO.parse(in.readAllBytes(), "config.json");
        }
        assertThat(spec.ociVersion()).isEqualTo("1.0.2-dev");
        assertThat(spec.process().args()).containsExactly("sh");
        assertThat(spec.process().capabilities().ambient())
                .containsExactly("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        assertThat(spec.process().rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 1024, 1024));
        assertThat(spec.mounts()).hasSize(7);
        assertThat(spec.mounts().get(2).options()).contains("gid=5");
        assertThat(spec.linux().namespaces()).extracting(LinuxNamespace::type)
                .containsExactly("pid", "network", "ipc", "uts", "mount");
        assertThat(spec.linux().maskedPaths()).contains("/proc/kcore");
        assertThat(spec.linux().resources().at("/devices/0/allow").asBoolean(true)).isFalse();
    }

    @Test
    void unknownPropertiesAreIgnored() {
        String json = """
                {"ociVersion": "1.2.0", "future": {"x": 1}, "windows": {"layerFolders": ["a"]},
                 "solaris": {"milestone": "x"}, "vm": {"kernel": {"path": "/k"}},
                 "process": {"args": ["sh"], "cwd": "/", "commandLine": "sh -c x", "newThing": [1, 2]},
                 "linux": {"netDevices": {"eth0": {}}, "memoryPolicy": {"mode": "MPOL_BIND"},
                           "namespaces": [{"type": "mount", "extra": true}]}}
                """;
        Spec spec = SpecIO.parse(json);
        assertThat(spec.process().args()).containsExactly("sh");
        assertThat(spec.linux().namespaces()).containsExactly(new LinuxNamespace("mount", null));
    }

    @Test
    void nullIsTheSameAsAbsent() {
        Spec spec = SpecIO.parse("""
                {"ociVersion": "1.2.0", "hostname": null, "mounts": null,
                 "process": {"args": ["sh"], "cwd": "/", "user": null, "oomScoreAdj": null}}""");
        assertThat(spec.hostname()).isNull();
        assertThat(spec.mounts()).isEmpty();
        assertThat(spec.process().user()).isNull();
        assertThat(spec.process().userOrRoot()).isEqualTo(User.ROOT);
        assertThat(spec.process().oomScoreAdj()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"process\": {\"args\": \"sh\"}}                       | config.json: process.args: expected an array of strings",
        "{\"process\": {\"args\": [\"sh\", 1]}}                  | config.json: process.args[1]: expected a string",
        "{\"process\": {\"terminal\": \"yes\"}}                  | config.json: process.terminal: expected true or false",
        "{\"process\": {\"user\": {\"uid\": -1}}}                | config.json: process.user.uid: expected an unsigned 32-bit integer",
        "{\"process\": {\"user\": {\"uid\": 4294967296}}}        | config.json: process.user.uid: expected an unsigned 32-bit integer",
        "{\"process\": {\"user\": {\"gid\": 1.5}}}               | config.json: process.user.gid: expected an unsigned 32-bit integer",
        "{\"process\": {\"user\": {\"additionalGids\": [1, \"x\"]}}} | config.json: process.user.additionalGids[1]: expected an unsigned 32-bit integer",
        "{\"process\": {\"oomScoreAdj\": \"5\"}}                 | config.json: process.oomScoreAdj: expected a 32-bit integer",
        "{\"process\": {\"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"hard\": -1}]}} | config.json: process.rlimits[0].hard: expected an unsigned 64-bit integer",
        "{\"process\": {\"capabilities\": {\"bounding\": \"CAP_KILL\"}}} | config.json: process.capabilities.bounding: expected an array of strings",
        "{\"process\": []}                                      | config.json: process: expected an object",
        "{\"mounts\": {}}                                       | config.json: mounts: expected an array of objects",
        "{\"mounts\": [{\"destination\": \"/x\", \"options\": \"ro\"}]} | config.json: mounts[0].options: expected an array of strings",
        "{\"mounts\": [\"/x\"]}                                 | config.json: mounts[0]: expected an object",
        "{\"annotations\": {\"a\": 1}}                          | config.json: annotations[\"a\"]: expected a string",
        "{\"hooks\": {\"prestart\": [{\"path\": \"/x\", \"timeout\": \"5\"}]}} | config.json: hooks.prestart[0].timeout: expected a 32-bit integer",
        "{\"linux\": {\"namespaces\": {\"type\": \"pid\"}}}     | config.json: linux.namespaces: expected an array of objects",
        "{\"linux\": {\"namespaces\": [{\"type\": \"pid\"}, \"net\"]}} | config.json: linux.namespaces[1]: expected an object",
        "{\"linux\": {\"uidMappings\": [{\"containerID\": 0, \"hostID\": \"1000\", \"size\": 1}]}} | config.json: linux.uidMappings[0].hostID: expected an unsigned 32-bit integer",
        "{\"linux\": {\"resources\": []}}                       | config.json: linux.resources: expected an object",
        "{\"linux\": {\"sysctl\": {\"net.ipv4.ip_forward\": 1}}} | config.json: linux.sysctl[\"net.ipv4.ip_forward\"]: expected a string",
        "{\"linux\": {\"timeOffsets\": {\"monotonic\": {\"secs\": \"1\"}}}} | config.json: linux.timeOffsets[\"monotonic\"].secs: expected a 64-bit integer",
        "{\"linux\": {\"devices\": [{\"type\": \"c\", \"path\": \"/dev/x\", \"major\": \"1\"}]}} | config.json: linux.devices[0].major: expected a 64-bit integer",
        "{\"ociVersion\": 1}                                    | config.json: ociVersion: expected a string",
        "{\"root\": {\"path\": \"rootfs\", \"readonly\": 1}}    | config.json: root.readonly: expected true or false",
    })
    void wrongTypesNameTheField(String json, String message) {
        assertThatThrownBy(() -> SpecIO.parse(json)).isInstanceOf(SpecException.class).hasMessage(message);
    }

    @Test
    void brokenJsonIsReportedWithItsPosition() {
        assertThatThrownBy(() -> SpecIO.parse("{\n  \"ociVersion\": \"1.2.0\",\n}"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("config.json: invalid JSON at line 3, column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> SpecIO.parse("")).hasMessage("config.json: the file is empty");
        assertThatThrownBy(() -> SpecIO.parse("[1]")).hasMessage("config.json: expected a JSON object");
        assertThatThrownBy(() -> SpecIO.parse("{} {}")).hasMessageStartingWith("config.json: invalid JSON");
    }

    @Test
    void unsignedRlimitsKeepAllSixtyFourBits() throws IOException {
        Spec spec = SpecIO.parse("""
                {"process": {"rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 0},
                                         {"type": "RLIMIT_NOFILE", "hard": 9223372036854775808, "soft": 7}]}}""");
        assertThat(spec.process().rlimits().get(0).hard()).isEqualTo(Rlimits.INFINITY);
        assertThat(spec.process().rlimits().get(1).hard()).isEqualTo(Long.MIN_VALUE);
        JsonNode n = M.readTree(SpecIO.write(spec));
        assertThat(n.at("/process/rlimits/0/hard").bigIntegerValue().toString()).isEqualTo("18446744073709551615");
        assertThat(n.at("/process/rlimits/1/hard").bigIntegerValue().toString()).isEqualTo("9223372036854775808");
        assertThat(SpecIO.parse(SpecIO.write(spec))).isEqualTo(spec);
    }

    @Test
    void largeIdsAndNegativeTimeOffsetsRoundTrip() {
        Spec spec = SpecIO.parse("""
                {"process": {"user": {"uid": 4294967294, "gid": 3000000000, "umask": 18}},
                 "linux": {"uidMappings": [{"containerID": 0, "hostID": 4000000000, "size": 65536}],
                           "timeOffsets": {"boottime": {"secs": -86400, "nanosecs": 5}}}}""");
        assertThat(spec.process().user().uid()).isEqualTo(4294967294L);
        assertThat(spec.process().user().umask()).isEqualTo(18);
        assertThat(spec.linux().uidMappings().get(0).mapLine()).isEqualTo("0 4000000000 65536");
        assertThat(spec.linux().timeOffsets().get("boottime")).isEqualTo(new TimeOffset(-86400, 5));
        assertThat(SpecIO.parse(SpecIO.write(spec))).isEqualTo(spec);
    }

    @Test
    void readNamesTheFileInErrors(@TempDir Path dir) throws IOException {
        Path process = dir.resolve("process.json");
        Files.writeString(process, "{\"args\": [\"ls\"], \"cwd\": 5}");
        assertThatThrownBy(() -> SpecIO.readProcess(process)).hasMessage("process.json: cwd: expected a string");
        Files.writeString(process, "{\"args\": [\"ls\", \"-l\"], \"cwd\": \"/tmp\", \"terminal\": true}");
        Process p = SpecIO.readProcess(process);
        assertThat(p.args()).containsExactly("ls", "-l");
        assertThat(p.terminal()).isTrue();
        assertThat(SpecIO.parseProcess(SpecIO.writeProcess(p).getBytes(), "p")).isEqualTo(p);
        Path missing = dir.resolve("config.json");
        assertThatThrownBy(() -> SpecIO.read(missing)).isInstanceOf(SpecException.class)
                .hasMessage("config.json: " + missing + " does not exist");
    }

    @Test
    void jsonSectionsCannotBeChangedFromOutside() {
        Spec spec = SpecDefaults.spec(false, false, 0, 0);
        ((ObjectNode) spec.linux().resources()).put("pids", 5);
        assertThat(spec.linux().resources().has("pids")).isFalse();
        assertThatThrownBy(() -> spec.mounts().add(new Mount("/x", "tmpfs", "tmpfs", List.of())))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rootlessDefaultsFollowRuncSpecRootless() {
        Spec spec = SpecDefaults.spec(true, false, 1000, 1000);
        Linux l = spec.linux();
        assertThat(l.namespaces()).extracting(LinuxNamespace::type)
                .containsExactly("pid", "ipc", "uts", "mount", "user");
        assertThat(l.uidMappings()).containsExactly(new IdMapping(0, 1000, 1));
        assertThat(l.gidMappings()).containsExactly(new IdMapping(0, 1000, 1));
        assertThat(l.resources()).isNull();
        Mount sys = spec.mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
        assertThat(sys).isEqualTo(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
        Mount pts = spec.mounts().stream().filter(m -> m.destination().equals("/dev/pts")).findFirst().orElseThrow();
        assertThat(pts.options()).containsExactly("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620");
    }

    @Test
    void defaultsMatchRuncSpec() {
        Spec spec = SpecDefaults.spec(false, false, 0, 0);
        Process p = spec.process();
        assertThat(p.terminal()).isTrue();
        assertThat(p.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "TERM=xterm");
        assertThat(p.capabilities().bounding()).containsExactly("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        assertThat(p.noNewPrivileges()).isTrue();
        assertThat(spec.root()).isEqualTo(new Root("rootfs", true));
        assertThat(spec.hostname()).isEqualTo("runc");
        assertThat(spec.mounts()).extracting(Mount::destination).containsExactly("/proc", "/dev", "/dev/pts",
                "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup");
        assertThat(spec.linux().namespaces()).extracting(LinuxNamespace::type)
                .containsExactly("pid", "network", "ipc", "uts", "mount");
        assertThat(spec.linux().readonlyPaths()).containsExactly("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                "/proc/sysrq-trigger");
        assertThat(spec.linux().maskedPaths()).startsWith("/proc/acpi").contains("/sys/firmware", "/proc/scsi");
        assertThat(SpecDefaults.spec(false, true, 0, 0).linux().namespaces()).extracting(LinuxNamespace::type)
                .endsWith("cgroup");
    }
}

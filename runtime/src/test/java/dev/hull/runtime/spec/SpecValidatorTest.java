package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SpecValidatorTest {

    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path bundle;

    @BeforeEach
    void makeBundle() throws IOException {
        Files.createDirectories(bundle.resolve("rootfs"));
        Files.createDirectories(bundle.resolve("data"));
    }

    /** The default config, changed by a mutation of its JSON, as it would be read from a file. */
    private static Spec mutated(Consumer<ObjectNode> change) {
        ObjectNode n = SpecIO.toJson(SpecDefaults.spec(false, false, 0, 0));
        change.accept(n);
        return SpecIO.parse(n.toString());
    }

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) M.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ArrayNode arr(ObjectNode n, String pointer) {
        return (ArrayNode) n.at(pointer);
    }

    private static ObjectNode at(ObjectNode n, String pointer) {
        return (ObjectNode) n.at(pointer);
    }

    @Test
    void defaultConfigsAreValid() {
        assertThat(SpecValidator.problems(SpecDefaults.spec(false, false, 0, 0), bundle)).isEmpty();
        assertThat(SpecValidator.problems(SpecDefaults.spec(true, true, 1000, 1000), bundle)).isEmpty();
        assertThatCode(() -> SpecValidator.validate(SpecDefaults.spec(false, true, 0, 0), bundle))
                .doesNotThrowAnyException();
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
            arguments("empty args", (Consumer<ObjectNode>) n -> arr(n, "/process/args").removeAll(),
                "config.json: process.args must not be empty"),
            arguments("no process", (Consumer<ObjectNode>) n -> n.remove("process"),
                "config.json: process is required"),
            arguments("missing rootfs", (Consumer<ObjectNode>) n -> at(n, "/root").put("path", "nope"),
                "config.json: root.path \"nope\" does not exist in bundle BUNDLE"),
            arguments("rootfs is a file", (Consumer<ObjectNode>) n -> at(n, "/root").put("path", "config.txt"),
                "config.json: root.path \"config.txt\" is not a directory in bundle BUNDLE"),
            arguments("no root", (Consumer<ObjectNode>) n -> n.remove("root"), "config.json: root is required"),
            arguments("unknown namespace", (Consumer<ObjectNode>) n -> arr(n, "/linux/namespaces")
                    .add(obj("{\"type\": \"foo\"}")),
                "config.json: linux.namespaces[5].type \"foo\" is not a namespace type"
                    + " (pid, network, mount, ipc, uts, user, cgroup, time)"),
            arguments("duplicate namespace", (Consumer<ObjectNode>) n -> arr(n, "/linux/namespaces")
                    .add(obj("{\"type\": \"pid\", \"path\": \"/proc/1/ns/pid\"}")),
                "config.json: linux.namespaces[5].type \"pid\" is listed twice"),
            arguments("relative namespace path", (Consumer<ObjectNode>) n -> at(n, "/linux/namespaces/1")
                    .put("path", "netns/x"),
                "config.json: linux.namespaces[1].path \"netns/x\" is not an absolute path"),
            arguments("no mount namespace", (Consumer<ObjectNode>) n -> arr(n, "/linux/namespaces").remove(4),
                "config.json: linux.namespaces: a mount namespace is required"),
            arguments("unknown capability", (Consumer<ObjectNode>) n -> arr(n, "/process/capabilities/bounding")
                    .insert(0, "CAP_FOO"),
                "config.json: process.capabilities.bounding[0]: unknown capability \"CAP_FOO\""),
            arguments("unknown ambient capability", (Consumer<ObjectNode>) n -> at(n, "/process/capabilities")
                    .putArray("ambient").add("CAP_KILL").add("kill"),
                "config.json: process.capabilities.ambient[1]: unknown capability \"kill\""),
            arguments("unknown rlimit", (Consumer<ObjectNode>) n -> at(n, "/process/rlimits/0")
                    .put("type", "RLIMIT_FOO"),
                "config.json: process.rlimits[0].type \"RLIMIT_FOO\" is not an rlimit (RLIMIT_CPU to RLIMIT_RTTIME)"),
            arguments("duplicate rlimit", (Consumer<ObjectNode>) n -> arr(n, "/process/rlimits")
                    .add(obj("{\"type\": \"RLIMIT_NOFILE\", \"soft\": 1, \"hard\": 2}")),
                "config.json: process.rlimits[1].type \"RLIMIT_NOFILE\" is listed twice"),
            arguments("soft above hard", (Consumer<ObjectNode>) n -> at(n, "/process/rlimits/0").put("soft", 2048),
                "config.json: process.rlimits[0]: soft limit 2048 is above hard limit 1024"),
            arguments("relative mount destination", (Consumer<ObjectNode>) n -> at(n, "/mounts/0")
                    .put("destination", "proc"),
                "config.json: mounts[0].destination \"proc\" is not an absolute path"),
            arguments("mount without type", (Consumer<ObjectNode>) n -> at(n, "/mounts/3").remove("type"),
                "config.json: mounts[3].type is required (or a bind option)"),
            arguments("recursive read-only", (Consumer<ObjectNode>) n -> arr(n, "/mounts/3/options").add("rro"),
                "config.json: mounts[3].options: \"rro\" is not supported yet"),
            arguments("bind source missing", (Consumer<ObjectNode>) n -> arr(n, "/mounts")
                    .add(obj("{\"destination\": \"/data\", \"source\": \"nothere\", \"options\": [\"bind\"]}")),
                "config.json: mounts[7].source \"nothere\" does not exist in bundle BUNDLE"),
            arguments("mount over /proc/sys", (Consumer<ObjectNode>) n -> arr(n, "/mounts")
                    .add(obj("{\"destination\": \"/proc/sys\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"}")),
                "config.json: mounts[7].destination \"/proc/sys\" is inside /proc; only binds over"),
            arguments("tmpfs on /proc", (Consumer<ObjectNode>) n -> at(n, "/mounts/0").put("type", "tmpfs"),
                "config.json: mounts[0].destination \"/proc\": only a proc file system may be mounted on /proc"),
            arguments("idmapped mount", (Consumer<ObjectNode>) n -> at(n, "/mounts/3").putArray("uidMappings")
                    .add(obj("{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}")),
                "config.json: mounts[3]: idmapped mounts (uidMappings, gidMappings) are not supported yet"),
            arguments("user namespace without uid mappings", (Consumer<ObjectNode>) n -> {
                    arr(n, "/linux/namespaces").add(obj("{\"type\": \"user\"}"));
                    at(n, "/linux").putArray("gidMappings").add(obj("{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}"));
                },
                "config.json: linux.uidMappings: required for a new user namespace"),
            arguments("mappings without user namespace", (Consumer<ObjectNode>) n -> at(n, "/linux")
                    .putArray("gidMappings").add(obj("{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}")),
                "config.json: linux.gidMappings: given, but linux.namespaces has no user namespace"),
            arguments("empty mapping", (Consumer<ObjectNode>) n -> {
                    arr(n, "/linux/namespaces").add(obj("{\"type\": \"user\"}"));
                    at(n, "/linux").putArray("uidMappings").add(obj("{\"containerID\": 0, \"hostID\": 1000, \"size\": 0}"));
                    at(n, "/linux").putArray("gidMappings").add(obj("{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}"));
                },
                "config.json: linux.uidMappings[0].size must be positive"),
            arguments("console size without terminal", (Consumer<ObjectNode>) n -> {
                    at(n, "/process").put("terminal", false);
                    at(n, "/process").set("consoleSize", obj("{\"height\": 24, \"width\": 80}"));
                },
                "config.json: process.consoleSize is set but process.terminal is false"),
            arguments("ociVersion 2", (Consumer<ObjectNode>) n -> n.put("ociVersion", "2.0.0"),
                "config.json: ociVersion \"2.0.0\" is not supported: this runtime implements runtime-spec 1.x"),
            arguments("no ociVersion", (Consumer<ObjectNode>) n -> n.remove("ociVersion"),
                "config.json: ociVersion is required"),
            arguments("relative cwd", (Consumer<ObjectNode>) n -> at(n, "/process").put("cwd", "home"),
                "config.json: process.cwd \"home\" is not an absolute path"),
            arguments("no cwd", (Consumer<ObjectNode>) n -> at(n, "/process").remove("cwd"),
                "config.json: process.cwd is required"),
            arguments("env without =", (Consumer<ObjectNode>) n -> arr(n, "/process/env").add("DEBUG"),
                "config.json: process.env[2] \"DEBUG\" is not NAME=value"),
            arguments("hostname without uts", (Consumer<ObjectNode>) n -> arr(n, "/linux/namespaces").remove(3),
                "config.json: hostname \"runc\" needs a uts namespace, and linux.namespaces has none"),
            arguments("oom score out of range", (Consumer<ObjectNode>) n -> at(n, "/process").put("oomScoreAdj", 1001),
                "config.json: process.oomScoreAdj 1001 is outside -1000..1000"),
            arguments("umask too big", (Consumer<ObjectNode>) n -> at(n, "/process/user").put("umask", 01000),
                "config.json: process.user.umask 512 is not a file mode mask (0 to 0777)"),
            arguments("time offsets without time namespace", (Consumer<ObjectNode>) n -> at(n, "/linux")
                    .set("timeOffsets", obj("{\"monotonic\": {\"secs\": 10}}")),
                "config.json: linux.timeOffsets: needs a new time namespace in linux.namespaces"),
            arguments("unknown clock", (Consumer<ObjectNode>) n -> {
                    arr(n, "/linux/namespaces").add(obj("{\"type\": \"time\"}"));
                    at(n, "/linux").set("timeOffsets", obj("{\"realtime\": {\"secs\": 10}}"));
                },
                "config.json: linux.timeOffsets[\"realtime\"]: not a clock (use \"monotonic\" or \"boottime\")"),
            arguments("host sysctl", (Consumer<ObjectNode>) n -> at(n, "/linux").set("sysctl",
                    obj("{\"vm.swappiness\": \"10\"}")),
                "config.json: linux.sysctl[\"vm.swappiness\"]: not namespaced, so setting it would change the whole host"),
            arguments("net sysctl without network namespace", (Consumer<ObjectNode>) n -> {
                    arr(n, "/linux/namespaces").remove(1);
                    at(n, "/linux").set("sysctl", obj("{\"net.ipv4.ip_forward\": \"1\"}"));
                },
                "config.json: linux.sysctl[\"net.ipv4.ip_forward\"]: needs a network namespace, and linux.namespaces has none"),
            arguments("bad device type", (Consumer<ObjectNode>) n -> at(n, "/linux").putArray("devices")
                    .add(obj("{\"type\": \"x\", \"path\": \"/dev/x\", \"major\": 1, \"minor\": 1}")),
                "config.json: linux.devices[0].type \"x\" is not a device type (c, b, u or p)"),
            arguments("device without numbers", (Consumer<ObjectNode>) n -> at(n, "/linux").putArray("devices")
                    .add(obj("{\"type\": \"c\", \"path\": \"/dev/x\"}")),
                "config.json: linux.devices[0]: major and minor are required for type \"c\""),
            arguments("relative hook", (Consumer<ObjectNode>) n -> n.set("hooks",
                    obj("{\"createRuntime\": [{\"path\": \"bin/hook\"}]}")),
                "config.json: hooks.createRuntime[0].path \"bin/hook\" is not an absolute path"),
            arguments("zero hook timeout", (Consumer<ObjectNode>) n -> n.set("hooks",
                    obj("{\"poststop\": [{\"path\": \"/bin/true\", \"timeout\": 0}]}")),
                "config.json: hooks.poststop[0].timeout must be positive, not 0"),
            arguments("bad propagation", (Consumer<ObjectNode>) n -> at(n, "/linux").put("rootfsPropagation", "slaved"),
                "config.json: linux.rootfsPropagation \"slaved\" is not one of private, rprivate, rshared, rslave,"
                    + " runbindable, shared, slave, unbindable"),
            arguments("relative masked path", (Consumer<ObjectNode>) n -> arr(n, "/linux/maskedPaths").add("proc/x"),
                "config.json: linux.maskedPaths[11] \"proc/x\" is not an absolute path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void reportsOneLineNamingTheField(String name, Consumer<ObjectNode> change, String message) throws IOException {
        Files.writeString(bundle.resolve("config.txt"), "x");
        Spec spec = mutated(change);
        String expected = message.replace("BUNDLE", bundle.toString());
        assertThatThrownBy(() -> SpecValidator.validate(spec, bundle)).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n"));
        assertThat(SpecValidator.problems(spec, bundle)).hasSize(1);
    }

    @Test
    void allowedThings() throws IOException {
        Files.writeString(bundle.resolve("cpuinfo"), "x");
        Spec spec = mutated(n -> {
            arr(n, "/mounts").add(obj("{\"destination\": \"/proc/cpuinfo\", \"source\": \"cpuinfo\","
                    + " \"options\": [\"bind\", \"ro\"]}"));
            arr(n, "/mounts").add(obj("{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \""
                    + bundle.resolve("data") + "\"}"));
            arr(n, "/linux/namespaces").add(obj("{\"type\": \"time\"}"));
            at(n, "/linux").set("timeOffsets", obj("{\"monotonic\": {\"secs\": -10, \"nanosecs\": 5}}"));
            at(n, "/linux").set("sysctl", obj("{\"net.ipv4.ip_forward\": \"1\", \"kernel.shmmax\": \"1\","
                    + " \"fs.mqueue.msg_max\": \"20\"}"));
            at(n, "/linux").put("rootfsPropagation", "rshared");
            n.put("ociVersion", "1.0.2-dev");
            arr(n, "/process/env").add("EMPTY=");
        });
        assertThat(SpecValidator.problems(spec, bundle)).isEmpty();
    }

    @Test
    void listsEveryProblem() {
        Spec spec = mutated(n -> {
            arr(n, "/process/args").removeAll();
            at(n, "/process").put("cwd", "x");
            arr(n, "/linux/namespaces").add(obj("{\"type\": \"foo\"}"));
        });
        assertThat(SpecValidator.problems(spec, bundle)).containsExactly(
                "config.json: process.args must not be empty",
                "config.json: process.cwd \"x\" is not an absolute path",
                "config.json: linux.namespaces[5].type \"foo\" is not a namespace type"
                        + " (pid, network, mount, ipc, uts, user, cgroup, time)");
    }

    @Test
    void validatesAnExecProcessOnItsOwn() {
        Process p = SpecDefaults.spec(false, false, 0, 0).process().withArgs(List.of());
        assertThatThrownBy(() -> SpecValidator.validateProcess(p, "process.json"))
                .hasMessage("process.json: process.args must not be empty");
        assertThatCode(() -> SpecValidator.validateProcess(p.withArgs(List.of("ls")), "process.json"))
                .doesNotThrowAnyException();
    }
}

package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure injected at each step of create: one clear line naming what failed,
 * exit status 1, and nothing left behind (state directory, cgroups, processes,
 * mounts on the host).
 */
class CreateRollbackIT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path tmp;

    private void assertCreateFails(Consumer<TestBundle> breakIt, String expectedMessage) throws Exception {
        TestBundle b = TestBundle.sh(tmp, "echo should-not-run");
        breakIt.accept(b);
        if (Files.exists(b.dir)) {
            b.write();
        }
        String id = "rollback-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        long mountsBefore = hostMountsUnder(tmp);
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("hull-runtime: ").contains(expectedMessage);
        Leftovers.assertNone(id);
        assertThat(hostMountsUnder(tmp)).isEqualTo(mountsBefore);
    }

    private static long hostMountsUnder(Path dir) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(dir.toString())).count();
    }

    @Test
    void malformedJson() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "true");
        Files.writeString(b.dir.resolve("config.json"), "{\"ociVersion\": \"1.2.0\", \"process\": ");
        String id = "rollback-json-" + SEQ.incrementAndGet();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("config.json");
        Leftovers.assertNone(id);
    }

    @Test
    void wrongFieldType() throws Exception {
        assertCreateFails(b -> b.process().put("args", "sh"), "process.args");
    }

    @Test
    void missingRootfs() throws Exception {
        assertCreateFails(b -> b.config.with("root").put("path", "no-such-rootfs"), "no-such-rootfs");
    }

    @Test
    void missingBundle() throws Exception {
        String id = "rollback-nobundle-" + SEQ.incrementAndGet();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", tmp.resolve("nope").toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope");
        Leftovers.assertNone(id);
    }

    @Test
    void mountTargetThatCannotBeMade() throws Exception {
        // /etc/passwd is a file: a directory cannot be made below it
        assertCreateFails(b -> {
            ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
            m.put("destination", "/etc/passwd/sub").put("type", "tmpfs").put("source", "tmpfs");
        }, "/etc/passwd/sub");
    }

    @Test
    void unknownFilesystemType() throws Exception {
        assertCreateFails(b -> {
            ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
            m.put("destination", "/x").put("type", "nosuchfs").put("source", "none");
        }, "No such device");
    }

    @Test
    void missingBindSource() throws Exception {
        assertCreateFails(b -> {
            ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
            m.put("destination", "/x").put("type", "bind").put("source", "/no/such/source");
            m.putArray("options").add("rbind");
        }, "/no/such/source");
    }

    @Test
    void unknownSysctl() throws Exception {
        assertCreateFails(b -> b.linux().putObject("sysctl").put("net.ipv4.no_such_key", "1"),
                "net.ipv4.no_such_key");
    }

    @Test
    void rlimitAboveTheHardLimit() throws Exception {
        assertCreateFails(b -> b.process().putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE")
                .put("soft", 1L << 40).put("hard", 1L << 40), "RLIMIT_NOFILE");
    }

    @Test
    void executableNotFound() throws Exception {
        assertCreateFails(b -> b.args("/no/such/program"), "/no/such/program");
    }

    @Test
    void failingCreateRuntimeHook() throws Exception {
        assertCreateFails(b -> b.config.putObject("hooks").putArray("createRuntime").addObject()
                .put("path", "/bin/false"), "createRuntime hook /bin/false");
    }

    @Test
    void failingCreateContainerHook() throws Exception {
        assertCreateFails(b -> b.config.putObject("hooks").putArray("createContainer").addObject()
                .put("path", "/bin/false"), "/bin/false");
    }

    @Test
    void unknownCapability() throws Exception {
        assertCreateFails(b -> ((ArrayNode) b.process().with("capabilities").get("bounding")).add("CAP_NOPE"),
                "CAP_NOPE");
    }

    @Test
    void hostnameWithoutUtsNamespace() throws Exception {
        assertCreateFails(b -> {
            ArrayNode ns = (ArrayNode) b.linux().get("namespaces");
            for (int i = ns.size() - 1; i >= 0; i--) {
                if (ns.get(i).get("type").asText().equals("uts")) {
                    ns.remove(i);
                }
            }
            b.config.put("hostname", "x");
        }, "hostname");
    }

    @Test
    void workingDirectoryThatCannotBeMade() throws Exception {
        assertCreateFails(b -> b.process().put("cwd", "/etc/passwd/work"), "make working directory /etc/passwd/work");
    }

    @Test
    void mountNamespacePathThatDoesNotExist() throws Exception {
        assertCreateFails(b -> {
            for (var n : (ArrayNode) b.linux().get("namespaces")) {
                if (n.get("type").asText().equals("mount")) {
                    ((ObjectNode) n).put("path", "/proc/999999999/ns/mnt");
                }
            }
        }, "/proc/999999999/ns/mnt");
    }

    @Test
    void malformedDeviceRule() throws Exception {
        assertCreateFails(b -> b.linux().with("resources").putArray("devices").addObject()
                .put("allow", true).put("type", "x"), "linux.resources.devices[0].type");
    }
}

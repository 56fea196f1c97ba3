package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every hook runs, in the spec's order, with the state on stdin, its args and env. */
class HooksIT {

    @TempDir
    Path tmp;

    @Test
    void hooksRunInOrderWithStateArgsAndEnv() throws Exception {
        Path log = tmp.resolve("hooks.log");
        Files.createFile(log);
        Files.setPosixFilePermissions(log, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        TestBundle b = TestBundle.sh(tmp, "echo process >> /hooklog/hooks.log; sleep 1000");
        ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
        m.put("destination", "/hooklog").put("type", "bind").put("source", tmp.toString());
        m.putArray("options").add("rbind").add("rw");
        ObjectNode hooks = b.config.putObject("hooks");
        // runtime-namespace hooks and createContainer see the host's paths; startContainer the container's
        for (String phase : List.of("prestart", "createRuntime", "createContainer", "poststart", "poststop")) {
            hook(hooks, phase, log.toString());
        }
        hook(hooks, "startContainer", "/hooklog/hooks.log");
        b.write();

        String id = "hooks-" + ProcessHandle.current().pid();
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        int pid = new ObjectMapper().readTree(Cli.ok(tmp, "state", id)).get("pid").asInt();
        Cli.ok(tmp, "start", id);
        for (int i = 0; i < 100 && !Files.readString(log).contains("process"); i++) {
            Thread.sleep(20);
        }
        Cli.ok(tmp, "delete", "--force", id);

        List<String> lines = Files.readAllLines(log);
        List<String> phases = lines.stream().map(l -> l.split(" ", 2)[0]).toList();
        // poststart runs after the process has started, but may finish before it writes its line
        assertThat(phases.stream().filter(p -> !p.equals("process")))
                .containsExactly("prestart", "createRuntime", "createContainer", "startContainer", "poststart",
                        "poststop");
        assertThat(phases.indexOf("process")).isGreaterThan(phases.indexOf("startContainer"));
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            if (line.startsWith("process")) {
                continue;
            }
            String[] f = line.split(" ", 4);
            assertThat(f[1]).as("argv[1] of " + f[0]).isEqualTo("arg-" + f[0]);
            assertThat(f[2]).as("env of " + f[0]).isEqualTo("env-" + f[0]);
            JsonNode state = json.readTree(f[3]);
            assertThat(state.get("id").asText()).isEqualTo(id);
            assertThat(state.get("bundle").asText()).isEqualTo(b.dir.toString());
            if (!f[0].equals("poststop")) {
                assertThat(state.get("pid").asInt()).as("pid for " + f[0]).isEqualTo(pid);
            }
        }
        Leftovers.assertNone(id);
    }

    @Test
    void hookThatTimesOutFailsCreate() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "true");
        b.config.putObject("hooks").putArray("createRuntime").addObject().put("path", "/bin/sleep")
                .put("timeout", 1).putArray("args").add("sleep").add("30");
        b.write();
        String id = "hooks-timeout-" + ProcessHandle.current().pid();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("createRuntime hook /bin/sleep").contains("timed out");
        Leftovers.assertNone(id);
    }

    /** A hook that appends "PHASE ARGV1 $HOOKENV STATE" to the log. */
    private static void hook(ObjectNode hooks, String phase, String logPath) {
        ObjectNode h = hooks.putArray(phase).addObject();
        h.put("path", "/bin/sh");
        h.putArray("args").add("sh").add("-c")
                .add("echo \"" + phase + " $0 $HOOKENV $(cat)\" >> " + logPath).add("arg-" + phase);
        h.putArray("env").add("HOOKENV=env-" + phase);
    }
}

package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container engine's command line (docker or podman) as a test drives it, and the
 * checks that are the same for both on a running container made through hull-runtime.
 *
 * @param command  the engine's argv for some arguments (its own store, socket and runtime)
 * @param ok       runs a command, requires exit status 0, returns stdout
 * @param exec     runs a command, returns its result
 * @param hullRoot the --root the engine gives hull-runtime
 */
record EngineCli(Function<String[], List<String>> command, Function<List<String>, String> ok,
                 Function<List<String>, Cli.Result> exec, Path hullRoot) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String ok(String... args) {
        return ok.apply(command.apply(args));
    }

    private String hullStatus(Path cwd, String id) throws Exception {
        return JSON.readTree(EngineSupport.ok(cwd, 60, EngineSupport.hullRuntime().toString(),
                "--root", hullRoot.toString(), "state", id)).get("status").asText();
    }

    /**
     * For a running container whose init traps SIGTERM and runs {@code sleep 1000 & wait}:
     * hull-runtime's own state agrees with the engine (status and pid), pause/unpause,
     * exec (output, exit status, terminal), and stop by SIGTERM (exit status 0).
     */
    void checkRunningContainer(Path cwd, String id) throws Exception {
        var state = JSON.readTree(EngineSupport.ok(cwd, 60, EngineSupport.hullRuntime().toString(),
                "--root", hullRoot.toString(), "state", id));
        assertThat(state.get("status").asText()).isEqualTo("running");
        assertThat(state.get("pid").asText()).isEqualTo(ok("inspect", "-f", "{{.State.Pid}}", id).strip());
        assertThat(EngineSupport.cgroupDirs(id)).as("cgroup of the container").isNotEmpty();

        ok("pause", id);
        assertThat(ok("inspect", "-f", "{{.State.Status}}", id).strip()).isEqualTo("paused");
        assertThat(hullStatus(cwd, id)).isEqualTo("paused");
        ok("unpause", id);
        assertThat(ok("inspect", "-f", "{{.State.Status}}", id).strip()).isEqualTo("running");

        assertThat(ok("exec", id, "sh", "-c", "echo exec-$((6*7)); cat /proc/1/cmdline"))
                .startsWith("exec-42\n").contains("sleep 1000 & wait");
        assertThat(exec.apply(command.apply(new String[] {"exec", id, "sh", "-c", "exit 5"})).exit()).isEqualTo(5);
        assertThat(ok("exec", "-t", id, "tty").strip()).isEqualTo("/dev/pts/0");

        // exit status 0 (not 137): the trapped SIGTERM ended it, no SIGKILL after the timeout
        ok("stop", "-t", "20", id);
        assertThat(ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id).strip()).isEqualTo("exited 0");
    }
}

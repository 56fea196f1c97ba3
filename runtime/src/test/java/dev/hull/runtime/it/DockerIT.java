package dev.hull.runtime.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real dockerd (Debian's docker.io, with its containerd and containerd-shim-runc-v2)
 * started for this class with {@code --add-runtime hull=bin/hull-runtime}, its own
 * data-root, exec-root, socket and containerd namespace, and stopped afterwards. The
 * image is imported from the busybox rootfs of the runtime tests.
 */
class DockerIT {

    private static final String IMAGE = "hull-it-busybox:latest";
    private static final String NAMESPACE = "hull-it";

    private static Path scratch;
    private static String docker;
    private static Process dockerd;

    @BeforeAll
    static void startDockerd() throws Exception {
        String dockerdBin = EngineSupport.require("dockerd", "docker.io");
        EngineSupport.require("containerd", "containerd");
        docker = EngineSupport.require("docker", "docker.io");
        // short: containerd's socket lives in the exec-root and unix socket paths are short
        scratch = Files.createTempDirectory(Path.of("/tmp"), "hull-dk");
        Files.createDirectories(scratch.resolve("cli"));
        dockerd = new ProcessBuilder(dockerdBin, "--data-root", scratch.resolve("data").toString(),
                "--exec-root", scratch.resolve("exec").toString(),
                "--pidfile", scratch.resolve("dockerd.pid").toString(),
                "--host", "unix://" + scratch.resolve("docker.sock"),
                "--containerd-namespace", NAMESPACE, "--containerd-plugins-namespace", NAMESPACE + "-plugins",
                "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--add-runtime", "hull=" + EngineSupport.hullRuntime())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("dockerd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (exec(docker("version")).exit() != 0) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("dockerd did not start:\n" + log());
            }
            Thread.sleep(200);
        }
        EngineSupport.importBusybox(scratch, docker("import", "-", IMAGE));
    }

    @AfterAll
    static void stopDockerd() throws Exception {
        if (dockerd != null) {
            exec(docker("rm", "-f", "hull-it-detached"));
            dockerd.destroy(); // SIGTERM: dockerd stops its containerd and shims
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (scratch != null) {
            EngineSupport.removeScratch(scratch);
        }
    }

    private static String log() {
        try {
            return Files.readString(scratch.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no dockerd log: " + e + ")";
        }
    }

    private static List<String> docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of(docker, "--config", scratch.resolve("cli").toString(),
                "--host", "unix://" + scratch.resolve("docker.sock")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Cli.Result exec(List<String> cmd) {
        return Cli.exec(scratch, cmd, 120);
    }

    private static String ok(List<String> cmd) {
        Cli.Result r = exec(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + "\n" + r + "\n--- dockerd log (tail)\n" + tail(log()))
                .isZero();
        return r.out();
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** The state root dockerd gives the runtime: EXEC-ROOT/runtime-runc/NAMESPACE. */
    private static Path runtimeRoot() {
        return scratch.resolve("exec/runtime-runc").resolve(NAMESPACE);
    }

    @Test
    void runRmPrintsHelloAndLeavesNothing() {
        Cli.Result r = exec(docker("run", "--runtime", "hull", "--rm", "--name", "hull-it-hello", IMAGE,
                "echo", "hello"));
        assertThat(r.exit()).as(r + "\n" + tail(log())).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(ok(docker("ps", "-a", "--format", "{{.Names}}"))).doesNotContain("hull-it-hello");
    }

    @Test
    void exitStatusOfTheProcessIsTheExitStatusOfRun() {
        Cli.Result r = exec(docker("run", "--runtime", "hull", "--rm", IMAGE, "sh", "-c", "exit 3"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    }

    @Test
    void terminalThroughTheConsoleSocket() {
        Cli.Result r = exec(docker("run", "--runtime", "hull", "--rm", "-t", IMAGE, "tty"));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("/dev/pts/0");
    }

    @Test
    void detachedContainerExecStopAndRm() throws Exception {
        String id = ok(docker("run", "--runtime", "hull", "-d", "--name", "hull-it-detached", IMAGE, "sh", "-c",
                "trap 'exit 0' TERM; sleep 1000 & wait")).strip();
        assertThat(id).matches("[0-9a-f]{64}");
        try {
            assertThat(ok(docker("inspect", "-f", "{{.HostConfig.Runtime}}", id)).strip()).isEqualTo("hull");
            // hull-runtime made it: its own state command reads the container dockerd's shim created
            new EngineCli(DockerIT::docker, DockerIT::ok, DockerIT::exec, runtimeRoot())
                    .checkRunningContainer(scratch, id);
            assertThat(runtimeRoot().resolve(id)).as("hull-runtime state of a stopped, deleted task")
                    .doesNotExist();
        } finally {
            ok(docker("rm", "-f", id));
        }
        assertThat(ok(docker("ps", "-a", "-q", "--no-trunc"))).doesNotContain(id);
        assertThat(EngineSupport.cgroupDirs(id)).as("cgroups of " + id).isEmpty();
    }

    @Test
    void stopOfAPlainSleepEndsItAfterTheTimeout() {
        // sleep as pid 1 ignores SIGTERM: docker stop -t 1 must end it with SIGKILL about a second later
        String id = ok(docker("run", "--runtime", "hull", "-d", IMAGE, "sleep", "1000")).strip();
        try {
            ok(docker("stop", "-t", "1", id)); // 137: ended by the SIGKILL after the timeout
            assertThat(ok(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id)).strip())
                    .isEqualTo("exited 137");
        } finally {
            ok(docker("rm", "-f", id));
        }
    }
}

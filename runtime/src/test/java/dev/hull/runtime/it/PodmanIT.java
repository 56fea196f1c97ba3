package dev.hull.runtime.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real podman (Debian's) with {@code --runtime bin/hull-runtime}: run --rm, run -d,
 * exec, pause/unpause, stop and rm, with a terminal too. podman keeps its images and containers in
 * a scratch store of its own (--root/--runroot), removed afterwards; the image is
 * imported from the busybox rootfs of the runtime tests. hull-runtime keeps its
 * state in its default root, /run/hull-runtime, because podman's cleanup process
 * (the exit command conmon runs) does not pass --runtime-flag on.
 */
class PodmanIT {

    private static final String IMAGE = "localhost/hull-it-busybox:latest";
    private static final Path HULL_STATE = Path.of("/run/hull-runtime");

    private static Path scratch;
    private static String podman;

    @BeforeAll
    static void importImage() throws Exception {
        podman = EngineSupport.require("podman", "podman");
        EngineSupport.require("conmon", "conmon");
        scratch = Files.createTempDirectory(Path.of("/tmp"), "hull-podman-it");
        EngineSupport.importBusybox(scratch, podman("import", "-q", "-", IMAGE));
    }

    @AfterAll
    static void removeStore() {
        if (scratch == null) {
            return;
        }
        if (podman != null) {
            EngineSupport.run(scratch, 120, podman("rm", "-a", "-f", "-t", "0").toArray(String[]::new));
            EngineSupport.run(scratch, 120, podman("rmi", "-a", "-f").toArray(String[]::new));
        }
        EngineSupport.removeScratch(scratch);
    }

    /** podman with the scratch store and hull-runtime, then args. */
    private static List<String> podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of(podman, "--root", scratch.resolve("storage").toString(),
                "--runroot", scratch.resolve("run").toString(), "--tmpdir", scratch.resolve("tmp").toString(),
                "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                "--runtime", EngineSupport.hullRuntime().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** podman run with the rlimits this machine allows (podman's defaults exceed its hard limits). */
    private static List<String> podmanRun(String... args) {
        List<String> cmd = podman("run", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024");
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Cli.Result exec(List<String> cmd) {
        return Cli.exec(scratch, cmd, 120);
    }

    private static String ok(List<String> cmd) {
        Cli.Result r = exec(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + "\n" + r).isZero();
        return r.out();
    }

    @Test
    void runRmPrintsHelloAndLeavesNothing() {
        Cli.Result r = exec(podmanRun("--rm", "--name", "hull-it-hello", IMAGE, "echo", "hello"));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(ok(podman("ps", "-a", "--format", "{{.Names}}"))).doesNotContain("hull-it-hello");
    }

    @Test
    void exitStatusOfTheProcessIsTheExitStatusOfRun() {
        Cli.Result r = exec(podmanRun("--rm", IMAGE, "sh", "-c", "exit 3"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    }

    @Test
    void terminalThroughTheConsoleSocket() {
        Cli.Result r = exec(podmanRun("--rm", "-t", IMAGE, "tty"));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("/dev/pts/0");
    }

    @Test
    void detachedContainerExecStopAndRm() throws Exception {
        String id = ok(podmanRun("-d", "--name", "hull-it-detached", IMAGE, "sh", "-c",
                "trap 'exit 0' TERM; sleep 1000 & wait")).strip();
        assertThat(id).matches("[0-9a-f]{64}");
        try {
            // hull-runtime made it: its own state command knows the container and its pid
            new EngineCli(PodmanIT::podman, PodmanIT::ok, PodmanIT::exec, HULL_STATE)
                    .checkRunningContainer(scratch, id);
        } finally {
            ok(podman("rm", "-f", "-t", "0", id));
        }
        assertThat(ok(podman("ps", "-a", "-q", "--no-trunc"))).doesNotContain(id);
        assertThat(HULL_STATE.resolve(id)).as("hull-runtime state of " + id).doesNotExist();
        assertThat(EngineSupport.cgroupDirs(id)).as("cgroups of " + id).isEmpty();
    }
}

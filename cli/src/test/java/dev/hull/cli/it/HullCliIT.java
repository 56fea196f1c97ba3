package dev.hull.cli.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code bin/hull} program, one process per command as a user runs it, on
 * a private root: what docker users do every day, with docker's output shapes and
 * exit codes, and the monitor's exit command acting while no hull command runs.
 */
class HullCliIT {

    @TempDir
    Path tmp;

    private Path rootfs;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("etc", "tmp", "proc", "sys", "dev")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : exec(List.of("/bin/busybox", "--list"), 30).out().split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    }

    @AfterEach
    void removeAll() throws InterruptedException {
        Result ids = hull("ps", "-aq", "--no-trunc");
        for (String id : ids.out().split("\n")) {
            if (!id.isBlank()) {
                hull("rm", "-f", id.strip());
            }
        }
        // monitors and their exit commands finish on their own: let them, before the root goes
        waitUntil(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a)).orElse("").contains(tmp.toString())), "monitors to exit");
    }

    private Result hull(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("hull.home", "..")).resolve("bin/hull").toString());
        cmd.addAll(List.of(args));
        return exec(cmd, 120);
    }

    private Result exec(List<String> cmd, int seconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.put("HULL_ROOT", tmp.resolve("lib").toString());
            env.put("HULL_RUN", tmp.resolve("run").toString());
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String rf() {
        return rootfs.toString();
    }

    private static void waitUntil(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 30 s for " + what);
    }

    @Test
    void runInTheForegroundRelaysOutputAndExitsWithTheContainersCode() {
        Result r = hull("run", "--rm", "--rootfs", rf(), "sh", "-c", "echo out; echo err >&2; exit 42");
        assertThat(r.exit()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(hull("ps", "-aq").out()).isBlank();
    }

    @Test
    void theQuickStartRunsBusyboxBuiltFromDebiansPackageWithoutARegistry() throws Exception {
        Result r = hull("run", "--rm", "busybox", "echo", "hello");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(r.err()).contains("Unable to find image 'busybox:latest' locally")
                .contains("building busybox:latest from Debian's busybox-static");
        // the second run finds the image: nothing said on stderr
        Result again = hull("run", "--rm", "busybox", "sh", "-c", "id -u; cat /etc/hostname");
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).startsWith("0\n");
    }

    @Test
    void imageContainersWriteToTheirOwnLayerOnly() throws Exception {
        String a = hull("run", "-d", "--name", "ca", "busybox", "sleep", "100").out().strip();
        hull("run", "-d", "--name", "cb", "busybox", "sleep", "100");
        assertThat(hull("exec", "ca", "sh", "-c", "echo mine > /bin/note; rm /bin/ls").exit()).isZero();
        // cb, made from the same layers, sees neither change
        assertThat(hull("exec", "cb", "sh", "-c", "cat /bin/note 2>/dev/null; ls /bin/ls").out()).isEqualTo("/bin/ls\n");
        Path upper = tmp.resolve("lib/containers/" + a + "/upper");
        assertThat(Files.readString(upper.resolve("bin/note"))).isEqualTo("mine\n");
        assertThat(hull("rm", "-f", "ca", "cb").exit()).isZero();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(a);
        assertThat(tmp.resolve("lib/containers/" + a)).doesNotExist();
    }

    @Test
    void imagesAreListedTaggedAndRemovedUnlessInUse() throws Exception {
        assertThat(hull("image", "bootstrap", "busybox").out()).startsWith("sha256:");
        assertThat(hull("tag", "busybox", "mybox:1").exit()).isZero();
        String images = hull("images").out();
        assertThat(images.lines().findFirst().orElseThrow()).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
        assertThat(images).containsPattern("busybox +latest +[0-9a-f]{12} +.* ago +[0-9.]+MB")
                .containsPattern("mybox +1 +[0-9a-f]{12}");
        hull("run", "-d", "--name", "user", "mybox:1", "sleep", "100");
        assertThat(hull("rmi", "busybox").out()).isEqualTo("Untagged: busybox:latest\n");
        Result inUse = hull("rmi", "mybox:1");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("conflict: unable to remove repository reference \"mybox:1\" (must force)");
        assertThat(hull("pause", "user").exit()).isZero();
        assertThat(hull("ps").out()).contains("(Paused)");
        assertThat(hull("top", "user").out()).contains("sleep 100");
        assertThat(hull("unpause", "user").exit()).isZero();
        assertThat(hull("rename", "user", "user2").exit()).isZero();
        assertThat(hull("rm", "-f", "user2").exit()).isZero();
        assertThat(hull("rmi", "mybox:1").out()).startsWith("Untagged: mybox:1\nDeleted: sha256:");
        assertThat(hull("images", "-q").out()).isBlank();
        // the blobs and unpacked layers went with the last image
        try (Stream<Path> s = Files.walk(tmp.resolve("lib/image/content/blobs"))) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
        assertThat(tmp.resolve("lib/image/layers/sha256")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void statsReadsTheCgroupAndUpdateChangesLimitsOrKeepsThem() throws Exception {
        String id = hull("run", "-d", "--name", "hog", "-m", "64m", "--rootfs", rf(), "sh", "-c",
                "while true; do :; done").out().strip();
        Result stats = hull("stats", "--no-stream", "hog");
        assertThat(stats.out().lines().findFirst().orElseThrow()).matches(
                "CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS");
        assertThat(stats.out()).containsPattern(id.substring(0, 12) + " +hog +[0-9.]+% +[0-9.]+[KMG]?i?B / 64MiB");
        Path limit = Path.of("/sys/fs/cgroup/memory/hull/" + id + "/memory.limit_in_bytes");
        assertThat(hull("update", "-m", "128m", "--pids-limit", "50", "hog").out()).isEqualTo("hog\n");
        assertThat(Files.readString(limit).strip()).isEqualTo(Long.toString(128L << 20));
        assertThat(Files.readString(Path.of("/sys/fs/cgroup/pids/hull/" + id + "/pids.max")).strip())
                .isEqualTo("50");
        Result tooSmall = hull("update", "-m", "1k", "hog");
        assertThat(tooSmall.exit()).isEqualTo(1);
        assertThat(tooSmall.err()).contains("linux.resources.memory.limit 1024");
        assertThat(Files.readString(limit).strip()).isEqualTo(Long.toString(128L << 20));
        assertThat(hull("update", "hog").exit()).isEqualTo(125);
    }

    /** A command run by script(1): with a terminal of 40 rows and 100 columns, fed {@code input}. */
    private Result inTerminal(String command, String input) {
        String hull = Path.of(System.getProperty("hull.home", "..")).resolve("bin/hull").toString();
        return exec(List.of("sh", "-c", "(" + input + ") | script -qec \"stty rows 40 cols 100; " + hull + " "
                + command + "\" /dev/null"), 120);
    }

    @Test
    void runItGivesARealTerminalAndDetachKeysLeaveTheContainerRunning() throws Exception {
        Result it = inTerminal("run -it --rm busybox sh -c 'tty; stty size; exit 5'", "sleep 0");
        assertThat(it.exit()).isEqualTo(5);
        assertThat(it.out()).containsPattern("/dev/pts/\\d+\r\n").contains("40 100\r\n");

        // type a command, then ctrl-p ctrl-q: the session ends, the container goes on
        Result detach = inTerminal("run -it --name sess busybox sh",
                "sleep 1; printf 'echo typed-$((6*7))\\n'; sleep 1; printf '\\020\\021'; sleep 1");
        assertThat(detach.exit()).isZero();
        assertThat(detach.out()).contains("typed-42");
        assertThat(hull("inspect", "-f", "{{.State.Status}}", "sess").out()).isEqualTo("running\n");
        // attach again and end it
        Result attach = inTerminal("attach sess", "sleep 1; printf 'exit 3\\n'; sleep 1");
        assertThat(attach.exit()).isEqualTo(3);
        assertThat(hull("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "sess").out())
                .isEqualTo("exited 3\n");
        Result stopped = hull("attach", "sess");
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).contains("You cannot attach to a stopped container, start it first");
    }

    @Test
    void aMissingImageIsDockersError() {
        Result r = hull("run", "--rm", "nosuchimage", "true");
        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.err()).contains("Unable to find image 'nosuchimage:latest' locally")
                .contains("Error: pull access denied for nosuchimage");
        assertThat(hull("ps", "-aq").out()).isBlank();
    }

    @Test
    void detachedContainersAreListedLoggedStoppedAndRemoved() throws Exception {
        Result run = hull("run", "-d", "--name", "web", "--rootfs", rf(), "sh", "-c",
                "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        assertThat(run.exit()).isZero();
        String id = run.out().strip();
        assertThat(id).matches("[0-9a-f]{64}");
        waitUntil(() -> hull("logs", "web").out().equals("ready\n"), "the first log line");

        String ps = hull("ps").out();
        assertThat(ps.lines().findFirst().orElseThrow()).matches(
                "CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES");
        assertThat(ps).contains(id.substring(0, 12)).containsPattern("Up [^\\n]*web");

        Result ts = hull("logs", "-t", "web");
        String stamp = ts.out().substring(0, ts.out().indexOf(' '));
        assertThat(Instant.parse(stamp)).isBefore(Instant.now());

        assertThat(hull("exec", "web", "sh", "-c", "exit 7").exit()).isEqualTo(7);
        assertThat(hull("stop", "web").out()).isEqualTo("web\n");
        assertThat(hull("logs", "web").out()).isEqualTo("ready\nbye\n");
        assertThat(hull("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "web").out())
                .isEqualTo("exited 0\n");
        assertThat(hull("ps").out().lines().count()).isEqualTo(1);
        assertThat(hull("ps", "-a").out()).containsPattern("Exited \\(0\\) .* ago +web");
        assertThat(hull("rm", "web").out()).isEqualTo("web\n");
        assertThat(hull("ps", "-aq").out()).isBlank();
        assertThat(tmp.resolve("lib/containers/" + id)).doesNotExist();
        assertThat(tmp.resolve("run/" + id)).doesNotExist();
    }

    @Test
    void theMonitorRemovesAnRmContainerAndRestartsByPolicyWithNoHullCommandRunning() throws Exception {
        String gone = hull("run", "-d", "--rm", "--rootfs", rf(), "true").out().strip();
        waitUntil(() -> !hull("ps", "-aq", "--no-trunc").out().contains(gone), "--rm to remove the container");
        assertThat(tmp.resolve("lib/containers/" + gone)).doesNotExist();

        String flaky = hull("run", "-d", "--restart", "on-failure:2", "--rootfs", rf(), "sh", "-c", "exit 3")
                .out().strip();
        waitUntil(() -> hull("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", flaky).out()
                .equals("2 exited\n"), "two restarts");
        // no runtime container or cgroup is left once it has stopped for good
        assertThat(cgroupDirs(flaky)).isEmpty();
    }

    @Test
    void errorsAreOneLineWithDockersExitCodes() {
        Result missing = hull("rm", "nosuch");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: No such container: nosuch\n");

        Result flag = hull("run", "--bogus", "--rootfs", rf(), "true");
        assertThat(flag.exit()).isEqualTo(125);
        assertThat(flag.err()).startsWith("Error: Unknown option: '--bogus'");

        Result notFound = hull("run", "--name", "nocmd", "--rootfs", rf(), "/no/such/cmd");
        assertThat(notFound.exit()).isEqualTo(127);
        assertThat(notFound.err()).contains("/no/such/cmd");
        assertThat(hull("inspect", "-f", "{{.State.ExitCode}}", "nocmd").out()).isEqualTo("127\n");

        Result badMemory = hull("run", "-m", "lots", "--rootfs", rf(), "true");
        assertThat(badMemory.exit()).isEqualTo(125);
        assertThat(badMemory.err()).contains("invalid value for --memory: \"lots\"");

        Result bind = hull("run", "-v", "/no/such/dir:/x", "--rootfs", rf(), "true");
        assertThat(bind.exit()).isEqualTo(125);
        assertThat(bind.err()).contains("bind source path does not exist: /no/such/dir");

        hull("run", "-d", "--name", "taken", "--rootfs", rf(), "sleep", "100");
        Result conflict = hull("run", "--name", "taken", "--rootfs", rf(), "true");
        assertThat(conflict.exit()).isEqualTo(125);
        assertThat(conflict.err()).contains("The container name \"/taken\" is already in use");
        Result running = hull("rm", "taken");
        assertThat(running.exit()).isEqualTo(1);
        assertThat(running.err()).contains("container is running: stop the container before removing or force remove");
        // bad input made nothing: the only containers are the two named ones
        assertThat(hull("ps", "-aq").out().lines().count()).isEqualTo(2);
    }

    @Test
    void resourceFlagsLandInTheContainersCgroup() {
        Result r = hull("run", "--rm", "-m", "64m", "--pids-limit", "20", "--cpus", "0.5", "--rootfs", rf(), "sh",
                "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max "
                        + "/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo((64L << 20) + "\n20\n50000\n");
    }

    private static List<Path> cgroupDirs(String id) {
        try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
            return s.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(id)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return cgroupDirs(id);
        }
    }
}

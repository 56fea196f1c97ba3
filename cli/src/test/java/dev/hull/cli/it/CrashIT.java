package dev.hull.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the hull process at many points of `run -d` and `rm -f`: afterwards
 * `hull ps -a` tells the truth (a container it lists as up has its process; none is
 * stuck half-made), and once everything is removed no mount, cgroup, monitor,
 * directory or database row is left.
 */
class CrashIT {

    @TempDir
    Path tmp;

    private final String parent = "/hull-crash-" + ProcessHandle.current().pid();

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("hull.home", "..")).resolve("bin/hull").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HULL_ROOT", tmp.resolve("lib").toString());
        pb.environment().put("HULL_RUN", tmp.resolve("run").toString());
        return pb.start();
    }

    private String hull(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("hull.home", "..")).resolve("bin/hull").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HULL_ROOT", tmp.resolve("lib").toString());
        pb.environment().put("HULL_RUN", tmp.resolve("run").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** Kills the command after {@code delayMs}: SIGKILL, as a crash or the OOM killer would. */
    private void killAfter(long delayMs, String... args) throws Exception {
        Process p = start(args);
        Thread.sleep(delayMs);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void runAndRmKilledAtManyPointsLeaveATruthfulListAndNothingBehind() throws Exception {
        hull("run", "--rm", "busybox", "true"); // the image, made once
        List<Long> delays = new ArrayList<>();
        for (long d = 200; d <= 1600; d += 100) {
            delays.add(d);
        }
        for (long d : delays) {
            killAfter(d, "run", "-d", "--cgroup-parent", parent, "busybox", "sleep", "300");
        }
        checkTruthful();

        // rm -f killed half-way, on running containers
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            ids.add(hull("run", "-d", "--cgroup-parent", parent, "busybox", "sleep", "300").strip());
        }
        for (int i = 0; i < ids.size(); i++) {
            killAfter(delays.get(i), "rm", "-f", ids.get(i));
        }
        checkTruthful();

        for (String id : hull("ps", "-aq", "--no-trunc").split("\n")) {
            if (!id.isBlank()) {
                hull("rm", "-f", id.strip());
            }
        }
        assertThat(hull("ps", "-aq")).isBlank();
        String root = tmp.toString();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && !processesMentioning(root).isEmpty()) {
            Thread.sleep(100);
        }
        assertThat(processesMentioning(root)).as("monitors and containers left").isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts left").doesNotContain(root);
        try (Stream<Path> s = Files.list(tmp.resolve("lib/containers"))) {
            assertThat(s.toList()).as("container directories left").isEmpty();
        }
        try (Stream<Path> s = Files.list(tmp.resolve("run/runtime"))) {
            assertThat(s.filter(p -> !p.getFileName().toString().startsWith(".")).toList())
                    .as("runtime state left").isEmpty();
        }
        assertThat(cgroupsUnder(parent)).as("cgroups left").isEmpty();
    }

    /** Every container listed as up has a live process; none is left creating or removing. */
    private void checkTruthful() throws Exception {
        for (String line : hull("ps", "-a", "--no-trunc").split("\n")) {
            if (line.startsWith("CONTAINER ID") || line.isBlank()) {
                continue;
            }
            String id = line.substring(0, 64);
            String state = hull("inspect", "-f", "{{.State.Status}} {{.State.Pid}}", id).strip();
            assertThat(state).as(line).matches("(running [1-9][0-9]*|created 0|exited 0)");
            if (state.startsWith("running")) {
                long pid = Long.parseLong(state.split(" ")[1]);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(line).isTrue();
                assertThat(Files.exists(tmp.resolve("run/runtime/" + id + "/exec.fifo")))
                        .as("a running container that never started: " + line).isFalse();
            }
        }
    }

    private static List<Long> processesMentioning(String s) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(s)).map(ProcessHandle::pid).toList();
    }

    /** The container cgroups under the test's --cgroup-parent, in every hierarchy; the parents are removed. */
    private static List<Path> cgroupsUnder(String parent) throws IOException {
        List<Path> left = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path p = h.resolve(parent.substring(1));
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(Files::isDirectory).forEach(left::add);
                    }
                    if (left.isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
        return left;
    }
}

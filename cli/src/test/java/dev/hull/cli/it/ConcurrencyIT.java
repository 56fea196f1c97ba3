package dev.hull.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20 loops at once of `run -d` / `exec` / `rm -f`, each command its own hull
 * process on one root, for a while (hull.concurrency.seconds, default 90): every
 * command succeeds, the database stays consistent, and nothing leaks.
 */
class ConcurrencyIT {

    private static final int LOOPS = 20;

    @TempDir
    Path tmp;

    private final String parent = "/hull-conc-" + ProcessHandle.current().pid();

    record Result(int exit, String out, String err) {
    }

    private Result hull(String... args) {
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("hull.home", "..")).resolve("bin/hull").toString());
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("HULL_ROOT", tmp.resolve("lib").toString());
            pb.environment().put("HULL_RUN", tmp.resolve("run").toString());
            Path out = Files.createTempFile(tmp, "o", "");
            Path err = Files.createTempFile(tmp, "e", "");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void parallelRunExecRmLoopsKeepTheDatabaseConsistentAndLeakNothing() throws Exception {
        assertThat(hull("run", "--rm", "busybox", "true").exit()).isZero(); // the image, made once
        long seconds = Long.getLong("hull.concurrency.seconds", 90);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger rounds = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(LOOPS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            int loop = i;
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    String name = "c" + loop + "-" + rounds.incrementAndGet();
                    Result run = hull("run", "-d", "--name", name, "--cgroup-parent", parent, "busybox",
                            "sleep", "300");
                    check(failures, "run " + name, run, 0);
                    check(failures, "exec " + name, hull("exec", name, "sh", "-c", "exit 3"), 3);
                    check(failures, "rm -f " + name, hull("rm", "-f", name), 0);
                }
            }));
        }
        for (Future<?> f : loops) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("concurrency: %d loops, %d rounds of run -d / exec / rm -f in %d s%n", LOOPS,
                rounds.get(), seconds);
        assertThat(failures).isEmpty();
        assertThat(rounds.get()).isGreaterThanOrEqualTo(LOOPS);

        assertThat(hull("ps", "-aq").out()).isBlank();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("lib/metadata.db"));
             ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ok");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("lib/metadata.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM containers")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
        String root = tmp.toString();
        long wait = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < wait && ProcessHandle.allProcesses().anyMatch(p -> mentions(p, root))) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> mentions(p, root)).map(ProcessHandle::pid).toList())
                .as("processes left").isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts left").doesNotContain(root);
        try (Stream<Path> s = Files.list(tmp.resolve("lib/containers"))) {
            assertThat(s.toList()).as("container directories left").isEmpty();
        }
        List<Path> cgroups = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path p = h.resolve(parent.substring(1));
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(Files::isDirectory).forEach(cgroups::add);
                    }
                    if (cgroups.isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
        assertThat(cgroups).as("cgroups left").isEmpty();
    }

    private static boolean mentions(ProcessHandle p, String s) {
        return p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(s);
    }

    private static void check(List<String> failures, String what, Result r, int expected) {
        if (r.exit() != expected) {
            failures.add(what + ": exit " + r.exit() + " (expected " + expected + "): " + r.err().strip());
        }
    }
}

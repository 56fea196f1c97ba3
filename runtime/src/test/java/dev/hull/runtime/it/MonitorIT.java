package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.ContainerCreate;
import dev.hull.runtime.ContainerDelete;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerKill;
import dev.hull.runtime.ContainerStart;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.monitor.AttachConnection;
import dev.hull.runtime.monitor.ExitRecord;
import dev.hull.runtime.monitor.MonitorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * hull-monitor with real containers: it outlives the process that started it, logs
 * in docker's json-file format with rotation, relays attach clients, holds the
 * terminal, records the exit and runs the exit command.
 */
class MonitorIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private RuntimeContext ctx;
    private final List<String> made = new ArrayList<>();

    private RuntimeContext ctx() {
        if (ctx == null) {
            ctx = RuntimeContext.of(tmp.resolve("state"), false);
        }
        return ctx;
    }

    private String id() {
        String id = "mon-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        made.add(id);
        return id;
    }

    @AfterEach
    void cleanUp() {
        for (String id : made) {
            try {
                ContainerDelete.delete(ctx(), id, true);
            } catch (ContainerException ignored) {
                // already deleted, or never made
            }
        }
    }

    private MonitorOptions monitor(String name, long maxSize, int maxFiles, boolean tty, boolean stdin,
                                   List<String> exitCommand) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        return new MonitorOptions(MonitorOptions.locate(ctx().hullInit()), dir, dir.resolve("ctr.log"), maxSize,
                maxFiles, tty, stdin, exitCommand);
    }

    private void create(String id, TestBundle b, MonitorOptions m) {
        ContainerCreate.create(ctx(), new ContainerCreate.Request(id, b.dir, null, null, false, 0, false, m));
    }

    private static ExitRecord awaitExit(MonitorOptions m) throws InterruptedException {
        Waits.until(() -> Files.exists(m.exitFile()), "exit.json", 30);
        return ExitRecord.read(m.exitFile()).orElseThrow();
    }

    private static int monitorPid(MonitorOptions m) throws Exception {
        return Integer.parseInt(Files.readString(m.dir().resolve("monitor.pid")).trim());
    }

    @Test
    void outputGoesToTheJsonLogWithTimestampsAndTheExitIsRecorded() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "echo out; echo 'err \"quoted\"' >&2; printf 'no newline'; exit 3")
                .write();
        String id = id();
        MonitorOptions m = monitor("m1", 0, 1, false, false, List.of());
        Instant before = Instant.now();
        create(id, b, m);
        int monitor = monitorPid(m);
        // detached: not this JVM's child, and the parent of the container's init
        assertThat(ProcessHandle.of(monitor).orElseThrow().parent().map(ProcessHandle::pid))
                .isNotEqualTo(java.util.Optional.of(ProcessHandle.current().pid()));
        int init = Integer.parseInt(Files.readString(m.pidFile()).trim());
        assertThat(ProcessHandle.of(init).orElseThrow().parent().orElseThrow().pid()).isEqualTo(monitor);

        ContainerStart.start(ctx(), id);
        ExitRecord exit = awaitExit(m);
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.signal()).isZero();
        assertThat(exit.finishedAt()).isBetween(before, Instant.now());

        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(m.log())) {
            entries.add(JSON.readTree(line));
        }
        assertThat(entries).extracting(e -> e.get("stream").asText() + ":" + e.get("log").asText())
                .containsExactlyInAnyOrder("stdout:out\n", "stderr:err \"quoted\"\n", "stdout:no newline");
        for (JsonNode e : entries) {
            assertThat(Instant.parse(e.get("time").asText())).isBetween(before, exit.finishedAt());
        }
        Waits.until(() -> ProcessHandle.of(monitor).isEmpty(), "the monitor to exit", 10);
    }

    @Test
    void theLogRotatesAtMaxSizeKeepingMaxFiles() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "i=0; while [ $i -lt 600 ]; do echo line-$i; i=$((i+1)); done").write();
        String id = id();
        MonitorOptions m = monitor("m2", 8000, 3, false, false, List.of());
        create(id, b, m);
        ContainerStart.start(ctx(), id);
        awaitExit(m);

        Path log = m.log();
        assertThat(log.resolveSibling("ctr.log.1")).exists();
        assertThat(log.resolveSibling("ctr.log.2")).exists();
        assertThat(log.resolveSibling("ctr.log.3")).doesNotExist();
        for (String f : List.of("ctr.log", "ctr.log.1", "ctr.log.2")) {
            assertThat(Files.size(log.resolveSibling(f))).isBetween(1L, 8000L);
        }
        List<String> current = Files.readAllLines(log);
        assertThat(JSON.readTree(current.getLast()).get("log").asText()).isEqualTo("line-599\n");
        // the oldest kept file continues where the next one starts: nothing lost between kept files
        int lastOfOlder = lineNumber(Files.readAllLines(log.resolveSibling("ctr.log.1")).getLast());
        assertThat(lineNumber(current.getFirst())).isEqualTo(lastOfOlder + 1);
    }

    private static int lineNumber(String jsonLine) throws Exception {
        return Integer.parseInt(JSON.readTree(jsonLine).get("log").asText().strip().substring("line-".length()));
    }

    @Test
    void attachRelaysStdinAndOutputAndGetsTheExitCode() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "read a; echo got-$a; read b; echo again-$b >&2; exit 7").write();
        String id = id();
        MonitorOptions m = monitor("m3", 0, 1, false, true, List.of());
        create(id, b, m);
        try (AttachConnection c = AttachConnection.open(m)) {
            ContainerStart.start(ctx(), id);
            byte[] in = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
            c.stdin(in, 0, in.length);
            c.closeStdin();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AttachConnection.Event e;
            while ((e = c.next()) instanceof AttachConnection.Output o) {
                (o.stream() == 1 ? out : err).write(o.data());
            }
            assertThat(e).isEqualTo(new AttachConnection.Exited(7));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got-one\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("again-two\n");
        }
        assertThat(awaitExit(m).exitCode()).isEqualTo(7);
    }

    @Test
    void theMonitorHoldsTheTerminalAndResizesIt() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "read x; tty; stty size; exit 0").write();
        ((ObjectNode) b.config.get("process")).put("terminal", true);
        b.write();
        String id = id();
        MonitorOptions m = monitor("m4", 0, 1, true, true, List.of());
        create(id, b, m);
        try (AttachConnection c = AttachConnection.open(m)) {
            ContainerStart.start(ctx(), id);
            c.resize(40, 100);
            byte[] in = "go\n".getBytes(StandardCharsets.UTF_8);
            c.stdin(in, 0, in.length);
            StringBuilder out = new StringBuilder();
            AttachConnection.Event e;
            while ((e = c.next()) instanceof AttachConnection.Output o) {
                assertThat(o.stream()).isEqualTo(1);
                out.append(new String(o.data(), StandardCharsets.UTF_8));
            }
            assertThat(e).isEqualTo(new AttachConnection.Exited(0));
            // the terminal echoes the input and turns \n into \r\n
            assertThat(out.toString()).contains("go\r\n").containsPattern("/dev/pts/\\d+\r\n").contains("40 100\r\n");
        }
        assertThat(Files.readString(m.log())).contains("40 100\\r\\n");
    }

    @Test
    void theExitCommandRunsAfterTheExitIsRecorded() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 100").write();
        String id = id();
        Path marker = tmp.resolve("exit-command-ran");
        MonitorOptions m = monitor("m5", 0, 1, false, false,
                List.of("/bin/sh", "-c", "cat " + tmp.resolve("m5/exit.json") + " > " + marker));
        create(id, b, m);
        ContainerStart.start(ctx(), id);
        ContainerKill.kill(ctx(), id, 9, false);
        Waits.until(() -> marker.toFile().length() > 0, "the exit command", 30);
        JsonNode seen = JSON.readTree(Files.readString(marker));
        assertThat(seen.get("exitCode").asInt()).isEqualTo(128 + 9);
        assertThat(seen.get("signal").asInt()).isEqualTo(9);
    }

    @Test
    void aLogThatCannotBeOpenedFailsCreateAndLeavesNothing() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "true").write();
        String id = id();
        Path dir = Files.createDirectories(tmp.resolve("m6"));
        MonitorOptions m = new MonitorOptions(MonitorOptions.locate(ctx().hullInit()), dir,
                tmp.resolve("no/such/dir/ctr.log"), 0, 1, false, false, List.of());
        assertThatThrownBy(() -> create(id, b, m))
                .hasMessageContaining("hull-monitor: " + tmp.resolve("no/such/dir/ctr.log")
                        + ": No such file or directory");
        assertThat(ctx().store().dir(id)).doesNotExist();
        assertThat(EngineSupport.cgroupDirs(id)).isEmpty();
        assertThat(processesMentioning(dir.toString())).isEmpty();
    }

    @Test
    void aFailedCreateLeavesNoMonitorBehind() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "true");
        // a mount under a regular file fails inside hull-init, after the monitor started it
        b.config.withArray("mounts").addObject().put("destination", "/bin/busybox/x").put("type", "tmpfs")
                .put("source", "tmpfs");
        b.write();
        String id = id();
        MonitorOptions m = monitor("m7", 0, 1, false, false, List.of());
        assertThatThrownBy(() -> create(id, b, m)).isInstanceOf(ContainerException.class)
                .hasMessageContaining("/bin/busybox/x");
        Waits.until(() -> processesMentioning(m.dir().toString()).isEmpty(), "the monitor to exit", 10);
        assertThat(m.exitFile()).doesNotExist();
        assertThat(ctx().store().dir(id)).doesNotExist();
    }

    /** Processes whose command line mentions {@code s} (the monitor's -d DIR). */
    private static List<Long> processesMentioning(String s) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(s)).map(ProcessHandle::pid).toList();
    }
}

package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** create / start / state / list / ps / kill / delete, and their errors. */
class LifecycleIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final List<String> made = new ArrayList<>();

    private String id() {
        String id = "life-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        made.add(id);
        return id;
    }

    @AfterEach
    void cleanUp() {
        for (String id : made) {
            Cli.run(tmp, "delete", "--force", id);
        }
    }

    private JsonNode state(String id) throws Exception {
        return JSON.readTree(Cli.ok(tmp, "state", id));
    }

    @Test
    void createStartKillDeleteWalksThroughEveryStatus() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Path pidFile = tmp.resolve("pid");
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), "--pid-file", pidFile.toString(), id);

        JsonNode created = state(id);
        assertThat(created.get("status").asText()).isEqualTo("created");
        int pid = created.get("pid").asInt();
        assertThat(pid).isPositive();
        assertThat(Files.readString(pidFile).trim()).isEqualTo(Integer.toString(pid));
        assertThat(created.get("bundle").asText()).isEqualTo(b.dir.toString());
        // the init waits: it has not exec'd sleep yet
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).doesNotContain("sleep");
        assertThat(Cli.ok(tmp, "list")).containsPattern(id + "\\s+" + pid + "\\s+created");

        Cli.ok(tmp, "start", id);
        assertThat(state(id).get("status").asText()).isEqualTo("running");
        assertThat(Cli.ok(tmp, "ps", "--format", "json", id).trim()).isEqualTo("[" + pid + "]");
        JsonNode listed = JSON.readTree(Cli.ok(tmp, "list", "--format", "json"));
        assertThat(listed.findValuesAsText("id")).contains(id);

        Cli.ok(tmp, "kill", id, "KILL");
        waitForStatus(id, "stopped");
        Cli.ok(tmp, "delete", id);
        assertThat(Cli.run(tmp, "state", id).exit()).isEqualTo(1);
        Leftovers.assertNone(id);
    }

    @Test
    void killAllSignalsEveryProcess() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000 & sleep 1000 & wait").write();
        String id = id();
        Cli.ok(tmp, "run", "--detach", "--bundle", b.dir.toString(), id);
        assertThat(JSON.readTree(Cli.ok(tmp, "ps", "--format", "json", id))).hasSize(3);
        Cli.ok(tmp, "kill", "--all", id, "9");
        waitForStatus(id, "stopped");
        Cli.ok(tmp, "delete", id);
        Leftovers.assertNone(id);
    }

    @Test
    void deleteRefusesARunningContainerUnlessForced() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Cli.ok(tmp, "run", "-d", "--bundle", b.dir.toString(), id);
        Cli.Result r = Cli.run(tmp, "delete", id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("running").contains(id);
        assertThat(state(id).get("status").asText()).isEqualTo("running");
        Cli.ok(tmp, "delete", "--force", id);
        Leftovers.assertNone(id);
    }

    @Test
    void aCreatedContainerCanBeDeletedWithoutStarting() {
        TestBundle b = TestBundle.sh(tmp, "echo never").write();
        String id = id();
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        Cli.ok(tmp, "delete", id);
        Leftovers.assertNone(id);
    }

    @Test
    void startTwiceFailsTheSecondTime() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        Cli.ok(tmp, "start", id);
        Cli.Result again = Cli.run(tmp, "start", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("running");
    }

    @Test
    void racingStartsReleaseTheContainerExactlyOnce() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        var first = CompletableFuture.supplyAsync(() -> Cli.run(tmp, "start", id));
        var second = CompletableFuture.supplyAsync(() -> Cli.run(tmp, "start", id));
        List<Integer> exits = List.of(first.join().exit(), second.join().exit());
        assertThat(exits).containsExactlyInAnyOrder(0, 1);
        assertThat(state(id).get("status").asText()).isEqualTo("running");
    }

    @Test
    void racingCreatesOfOneIdLeaveOneContainer() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        var first = CompletableFuture.supplyAsync(() -> Cli.run(tmp, "create", "--bundle", b.dir.toString(), id));
        var second = CompletableFuture.supplyAsync(() -> Cli.run(tmp, "create", "--bundle", b.dir.toString(), id));
        Cli.Result a = first.join();
        Cli.Result c = second.join();
        assertThat(List.of(a.exit(), c.exit())).containsExactlyInAnyOrder(0, 1);
        assertThat(a.err() + c.err()).contains("already exists");
        assertThat(state(id).get("status").asText()).isEqualTo("created");
    }

    @Test
    void duplicateIdIsRefusedAndTheFirstContainerIsUntouched() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        int pid = state(id).get("pid").asInt();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("hull-runtime: container \"" + id + "\" already exists");
        assertThat(state(id).get("pid").asInt()).isEqualTo(pid);
        assertThat(state(id).get("status").asText()).isEqualTo("created");
    }

    @Test
    void missingContainerIsAnErrorForEveryCommand() {
        for (String[] cmd : List.of(new String[] {"state", "nosuch"}, new String[] {"start", "nosuch"},
                new String[] {"kill", "nosuch"}, new String[] {"delete", "nosuch"},
                new String[] {"ps", "nosuch"}, new String[] {"exec", "nosuch", "true"})) {
            Cli.Result r = Cli.run(tmp, cmd);
            // as runc: exec reports its own failures with 255
            assertThat(r.exit()).as(String.join(" ", cmd)).isEqualTo(cmd[0].equals("exec") ? 255 : 1);
            assertThat(r.err().strip()).as(String.join(" ", cmd))
                    .isEqualTo("hull-runtime: container \"nosuch\" does not exist");
        }
    }

    @Test
    void forcedDeleteOfAMissingContainerSucceedsAsInRunc() {
        assertThat(Cli.run(tmp, "delete", "--force", "nosuch").exit()).isZero();
    }

    @Test
    void unknownSignalIsRefused() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000").write();
        String id = id();
        Cli.ok(tmp, "run", "-d", "--bundle", b.dir.toString(), id);
        Cli.Result r = Cli.run(tmp, "kill", id, "SIGNOPE");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unknown signal").contains("SIGNOPE");
        assertThat(state(id).get("status").asText()).isEqualTo("running");
    }

    @Test
    void killOfAStoppedContainerIsAnError() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "true").write();
        String id = id();
        Cli.ok(tmp, "run", "-d", "--bundle", b.dir.toString(), id);
        waitForStatus(id, "stopped");
        Cli.Result r = Cli.run(tmp, "kill", id, "TERM");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("stopped");
    }

    @Test
    void invalidIdIsRefused() {
        TestBundle b = TestBundle.sh(tmp, "true").write();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), "../escape");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("invalid container id");
        assertThat(Cli.ROOT.getParent().resolve("escape")).doesNotExist();
    }

    @Test
    void errorsAreWrittenToTheLogFileInJson() throws Exception {
        Path log = tmp.resolve("log.json");
        Cli.Result r = Cli.run(tmp, "--log", log.toString(), "--log-format", "json", "state", "nosuch");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode line = JSON.readTree(Files.readString(log));
        assertThat(line.get("level").asText()).isEqualTo("error");
        assertThat(line.get("msg").asText()).isEqualTo("container \"nosuch\" does not exist");
    }

    void waitForStatus(String id, String wanted) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (state(id).get("status").asText().equals(wanted)) {
                return;
            }
            Thread.sleep(25);
        }
        assertThat(state(id).get("status").asText()).isEqualTo(wanted);
    }
}

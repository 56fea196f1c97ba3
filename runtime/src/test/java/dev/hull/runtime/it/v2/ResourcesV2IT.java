package dev.hull.runtime.it.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.it.Cli;
import dev.hull.runtime.it.Leftovers;
import dev.hull.runtime.it.TestBundle;
import dev.hull.runtime.it.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * linux.resources, update, events and pause on a cgroup v2 (unified) host, each
 * observed from its effect: the cgroup files, what the kernel counts, the OOM kills
 * it reports, the device programs it enforces. Runs in the cgroup-v2 test VM.
 */
class ResourcesV2IT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CG = Path.of("/sys/fs/cgroup");

    @TempDir
    Path tmp;

    private final List<String> made = new ArrayList<>();

    @BeforeAll
    static void onlyOnV2() throws IOException {
        assertThat(CG.resolve("cgroup.controllers")).as("a cgroup v2 host").exists();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(" - cgroup ");
    }

    @AfterEach
    void cleanUp() {
        for (String id : made) {
            Cli.run(tmp, "delete", "--force", id);
            Leftovers.assertNone(id);
        }
    }

    private String started(String script, Consumer<ObjectNode> limits) {
        TestBundle b = TestBundle.sh(tmp, script);
        limits.accept(b.linux().with("resources"));
        b.write();
        String id = "v2r-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        made.add(id);
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        Cli.ok(tmp, "start", id);
        return id;
    }

    private static String read(String id, String file) throws IOException {
        return Files.readString(CG.resolve(id).resolve(file)).trim();
    }

    private static long usageUsec(String id) throws IOException {
        return read(id, "cpu.stat").lines().filter(l -> l.startsWith("usage_usec "))
                .mapToLong(l -> Long.parseLong(l.substring(11))).findFirst().orElseThrow();
    }

    @Test
    void theContainerLivesInItsOwnCgroupUntilDeleted() throws Exception {
        String id = started("sleep 1000", r -> { });
        int pid = JSON.readTree(Cli.ok(tmp, "state", id)).get("pid").asInt();
        assertThat(read(id, "cgroup.procs").lines()).containsExactly(Integer.toString(pid));
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cgroup"))).isEqualTo("0::/" + id + "\n");
        assertThat(Cli.ok(tmp, "ps", "--format", "json", id)).contains(Integer.toString(pid));
        Cli.ok(tmp, "kill", id, "KILL");
        for (int i = 0; i < 100 && !JSON.readTree(Cli.ok(tmp, "state", id)).get("status").asText().equals("stopped"); i++) {
            Thread.sleep(100);
        }
        Cli.ok(tmp, "delete", id);
        made.remove(id);
        Leftovers.assertNone(id);
        assertThat(CG.resolve(id)).doesNotExist();
    }

    @Test
    void limitsLandInTheV2FilesWithRuncsConversions() throws Exception {
        String id = started("sleep 1000", r -> {
            r.putObject("memory").put("limit", 64L << 20).put("reservation", 32L << 20);
            r.putObject("cpu").put("shares", 512).put("quota", 50000).put("period", 100000).put("cpus", "0");
            r.putObject("pids").put("limit", 20);
        });
        assertThat(read(id, "memory.max")).isEqualTo(Long.toString(64L << 20));
        assertThat(read(id, "memory.low")).isEqualTo(Long.toString(32L << 20));
        assertThat(read(id, "cpu.max")).isEqualTo("50000 100000");
        assertThat(read(id, "cpu.weight")).isEqualTo("59");
        assertThat(read(id, "pids.max")).isEqualTo("20");
        assertThat(read(id, "cpuset.cpus")).isEqualTo("0");
        // the container sees its own cgroup at /sys/fs/cgroup, read-only
        String inside = Cli.ok(tmp, "exec", id, "sh", "-c",
                "cat /sys/fs/cgroup/memory.max; grep Cpus_allowed_list /proc/self/status; "
                        + "touch /sys/fs/cgroup/x 2>&1; cat /proc/self/cgroup");
        assertThat(inside).contains(Long.toString(64L << 20)).containsPattern("Cpus_allowed_list:\\s+0\\n")
                .contains("Read-only file system").contains("0::/\n");
    }

    @Test
    void aMemoryHogIsOomKilledAndEventsReportsIt() throws Exception {
        String id = started("while [ ! -e /go ]; do sleep 0.1; done; dd if=/dev/zero of=/dev/null bs=64M count=1; "
                + "sleep 1000", r -> r.putObject("memory").put("limit", 32L << 20).put("swap", 32L << 20));
        Path out = tmp.resolve("events.out");
        Process events = new ProcessBuilder(Cli.home().resolve("bin/hull-runtime").toString(), "--root",
                Cli.ROOT.toString(), "events", "--interval", "2s", id).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Waits.until(() -> Waits.lines(out).stream().anyMatch(l -> l.contains("\"stats\"")), "first stats line", 60);
            Path rootfs = Path.of(JSON.readTree(Cli.ok(tmp, "state", id)).get("rootfs").asText());
            Files.writeString(rootfs.resolve("go"), "");
            Waits.until(() -> Waits.lines(out).stream().anyMatch(l -> l.contains("\"oom\"")), "oom event", 60);
            assertThat(read(id, "memory.events")).containsPattern("oom_kill [1-9]");
            Cli.ok(tmp, "delete", "--force", id);
            assertThat(events.waitFor(60, TimeUnit.SECONDS)).as("events ends with the container").isTrue();
        } finally {
            events.destroyForcibly();
        }
    }

    @Test
    void aForkLoopStopsAtThePidsLimit() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sh -c 'i=0; while [ $i -lt 40 ]; do sleep 5 & i=$((i+1)); done' "
                + "2>/dev/null; echo inner=$?; read max < /sys/fs/cgroup/pids.max; echo $max");
        b.linux().with("resources").putObject("pids").put("limit", 10);
        b.write();
        String id = "v2r-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Cli.Result r = Cli.run(tmp, "run", "--bundle", b.dir.toString(), id);
        Leftovers.assertNone(id);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).element(0).isNotEqualTo("inner=0");
        assertThat(r.out().lines().toList()).element(1).isEqualTo("10");
    }

    @Test
    void aHalfCpuQuotaHoldsABusyLoopToHalfACpu() throws Exception {
        String id = started("while :; do :; done", r -> r.putObject("cpu").put("quota", 50000).put("period", 100000));
        Thread.sleep(1000);
        long u0 = usageUsec(id);
        long t0 = System.nanoTime();
        Thread.sleep(5000);
        double share = (usageUsec(id) - u0) * 1000.0 / (System.nanoTime() - t0);
        assertThat(share).as("cpu share of a busy loop under a 0.5 cpu quota").isBetween(0.40, 0.60);
        assertThat(read(id, "cpu.stat")).containsPattern("nr_throttled [1-9]");
    }

    @Test
    void updateChangesLimitsAndAFailedUpdateKeepsThem() throws Exception {
        String id = started("sleep 1000", r -> {
            r.putObject("memory").put("limit", 64L << 20);
            r.putObject("cpu").put("quota", 50000).put("period", 100000);
        });
        Cli.ok(tmp, "update", "--memory", "128m", "--cpu-quota", "20000", "--pids-limit", "30", id);
        assertThat(read(id, "memory.max")).isEqualTo(Long.toString(128L << 20));
        assertThat(read(id, "cpu.max")).isEqualTo("20000 100000");
        assertThat(read(id, "pids.max")).isEqualTo("30");
        Path f = tmp.resolve("r.json");
        Files.writeString(f, "{\"memory\":{\"limit\":100663296},\"cpu\":{\"cpus\":\"63\"}}");
        Cli.Result bad = Cli.run(tmp, "update", "-r", f.toString(), id);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("linux.resources.cpu.cpus \"63\"");
        assertThat(read(id, "memory.max")).isEqualTo(Long.toString(128L << 20));
        JsonNode stats = JSON.readTree(Cli.ok(tmp, "events", "--stats", id));
        assertThat(stats.at("/data/memory/usage/limit").asLong()).isEqualTo(128L << 20);
        assertThat(stats.at("/data/pids/current").asLong()).isEqualTo(1);
        assertThat(stats.at("/data/pids/limit").asLong()).isEqualTo(30);
    }

    @Test
    void pauseFreezesAndResumeThaws() throws Exception {
        String id = started("while :; do :; done", r -> { });
        Cli.ok(tmp, "pause", id);
        assertThat(JSON.readTree(Cli.ok(tmp, "state", id)).get("status").asText()).isEqualTo("paused");
        assertThat(read(id, "cgroup.events")).contains("frozen 1");
        long u0 = usageUsec(id);
        Thread.sleep(1000);
        assertThat(usageUsec(id)).as("no cpu progress while frozen").isEqualTo(u0);
        Cli.ok(tmp, "resume", id);
        Thread.sleep(1000);
        assertThat(usageUsec(id)).isGreaterThan(u0);
        assertThat(read(id, "cgroup.events")).contains("frozen 0");
    }

    @Test
    void ioWeightAndThrottlesLandInIoWeightAndIoMax() throws Exception {
        // the VM's loop devices (7:0, 7:1) are real block devices the io controller accepts
        String id = started("sleep 1000", r -> {
            ObjectNode io = r.putObject("blockIO");
            io.put("weight", 500);
            io.putArray("throttleReadBpsDevice").addObject().put("major", 7).put("minor", 0).put("rate", 1048576);
            io.putArray("throttleWriteIOPSDevice").addObject().put("major", 7).put("minor", 0).put("rate", 100);
        });
        String weightFile = Files.exists(CG.resolve(id).resolve("io.bfq.weight")) ? "io.bfq.weight" : "io.weight";
        assertThat(read(id, weightFile)).startsWith("default " + (weightFile.equals("io.bfq.weight") ? "500" : "4950"));
        assertThat(read(id, "io.max")).isEqualTo("7:0 rbps=1048576 wbps=max riops=max wiops=100");
        Path f = tmp.resolve("io.json");
        Files.writeString(f, "{\"blockIO\":{\"throttleReadBpsDevice\":[{\"major\":7,\"minor\":0,\"rate\":2097152}]}}");
        Cli.ok(tmp, "update", "-r", f.toString(), id);
        assertThat(read(id, "io.max")).isEqualTo("7:0 rbps=2097152 wbps=max riops=max wiops=100");
    }

    @Test
    void theDeviceProgramDeniesWhatTheRulesDoNotAllow() throws Exception {
        // mknod of any node is allowed (as runc allows it); opening is what the rules control
        TestBundle b = TestBundle.sh(tmp, "mknod /dev/xmem c 1 1; head -c1 /dev/xmem; echo mem=$?; "
                + "echo x > /dev/null; echo null=$?; mknod /dev/xloop0 b 7 0; head -c1 /dev/xloop0; echo loop0=$?; "
                + "mknod /dev/xloop1 b 7 1; head -c1 /dev/xloop1; echo loop1=$?");
        for (String set : List.of("bounding", "effective", "permitted")) {
            b.process().with("capabilities").withArray(set).add("CAP_MKNOD");
        }
        ArrayNode rules = b.linux().with("resources").putArray("devices");
        rules.addObject().put("allow", false).put("access", "rwm");
        rules.addObject().put("allow", true).put("type", "b").put("major", 7).put("minor", 0).put("access", "r");
        b.write();
        String id = "v2r-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Cli.Result r = Cli.run(tmp, "run", "--bundle", b.dir.toString(), id);
        Leftovers.assertNone(id);
        assertThat(r.out()).as(r.toString()).contains("mem=1").contains("null=0").contains("loop0=0")
                .contains("loop1=1");
        assertThat(r.err()).contains("/dev/xmem: Operation not permitted").contains("/dev/xloop1: Operation not permitted");
    }
}

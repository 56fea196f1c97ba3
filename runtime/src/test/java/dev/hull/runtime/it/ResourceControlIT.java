package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * update, events and pause on this host's cgroup v1 controllers, each observed
 * from its effect: the files the kernel reads, the usage it counts, the OOM kills it
 * reports and the state of the frozen processes.
 */
class ResourceControlIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CG = Path.of("/sys/fs/cgroup");

    @TempDir
    Path tmp;

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String id : made) {
            Cli.run(tmp, "delete", "--force", id);
            Leftovers.assertNone(id);
        }
    }

    /** Creates and starts a container running {@code script}, with linux.resources edited by {@code limits}. */
    private String started(String script, java.util.function.Consumer<ObjectNode> limits) {
        TestBundle b = TestBundle.sh(tmp, script);
        limits.accept(b.linux().with("resources"));
        b.write();
        String id = "rc-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        made.add(id);
        Cli.ok(tmp, "create", "--bundle", b.dir.toString(), id);
        Cli.ok(tmp, "start", id);
        return id;
    }

    private static String read(String controller, String id, String file) throws IOException {
        return Files.readString(CG.resolve(controller).resolve(id).resolve(file)).trim();
    }

    private static long number(String controller, String id, String file) throws IOException {
        return Long.parseLong(read(controller, id, file));
    }

    @Test
    void updateChangesTheMemoryAndCpuLimitsOfARunningContainer() throws Exception {
        String id = started("sleep 1000", r -> {
            r.putObject("memory").put("limit", 64L << 20);
            r.putObject("cpu").put("quota", 50000).put("period", 100000);
        });
        Cli.ok(tmp, "update", "--memory", "128m", "--cpu-quota", "20000", "--cpu-share", "256", "--pids-limit", "20", id);
        // seen from inside the container, through its own cgroup mount
        String inside = Cli.ok(tmp, "exec", id, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us",
                "/sys/fs/cgroup/cpu/cpu.shares", "/sys/fs/cgroup/pids/pids.max");
        assertThat(inside.lines().toList()).containsExactly(Long.toString(128L << 20), "20000", "100000", "256", "20");

        Path file = tmp.resolve("resources.json");
        Files.writeString(file, "{\"memory\":{\"limit\":100663296},\"cpu\":{\"quota\":-1},\"pids\":{\"limit\":-1}}");
        Cli.ok(tmp, "update", "--resources", file.toString(), id);
        assertThat(number("memory", id, "memory.limit_in_bytes")).isEqualTo(96L << 20);
        assertThat(read("cpu", id, "cpu.cfs_quota_us")).isEqualTo("-1");
        assertThat(read("pids", id, "pids.max")).isEqualTo("max");
    }

    @Test
    void aFailedUpdateKeepsEveryOldLimit() throws Exception {
        String id = started("sleep 1000", r -> {
            r.putObject("memory").put("limit", 64L << 20);
            r.putObject("cpu").put("shares", 512).put("cpus", "0");
        });
        Path file = tmp.resolve("resources.json");
        // memory and shares are written before cpuset, which fails: both must be put back
        Files.writeString(file, "{\"memory\":{\"limit\":134217728},\"cpu\":{\"shares\":300,\"cpus\":\"63\"}}");
        Cli.Result r = Cli.run(tmp, "update", "-r", file.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).contains("linux.resources.cpu.cpus \"63\"").contains("cpuset.cpus")
                .doesNotContain("\n");
        assertThat(number("memory", id, "memory.limit_in_bytes")).isEqualTo(64L << 20);
        assertThat(read("cpu", id, "cpu.shares")).isEqualTo("512");
        assertThat(read("cpuset", id, "cpuset.cpus")).isEqualTo("0");

        // a limit below what the container uses: the kernel refuses, the old limit stays
        Cli.Result low = Cli.run(tmp, "update", "--memory", "4k", id);
        assertThat(low.exit()).isEqualTo(1);
        assertThat(low.err()).contains("linux.resources.memory.limit 4096").contains("memory.limit_in_bytes");
        assertThat(number("memory", id, "memory.limit_in_bytes")).isEqualTo(64L << 20);
        assertThat(Cli.ok(tmp, "state", id)).contains("\"running\"");
    }

    @Test
    void updateRefusesBadInputAndStoppedOrMissingContainers() throws Exception {
        String id = started("sleep 1000", r -> r.putObject("memory").put("limit", 64L << 20));
        Cli.Result bad = Cli.run(tmp, "update", "--memory", "lots", id);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid value for --memory: \"lots\"");
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"memory\": [");
        Cli.Result json = Cli.run(tmp, "update", "-r", file.toString(), id);
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.err()).contains("--resources " + file);
        assertThat(number("memory", id, "memory.limit_in_bytes")).isEqualTo(64L << 20);

        Cli.ok(tmp, "kill", id, "KILL");
        waitForStatus(id, "stopped");
        Cli.Result stopped = Cli.run(tmp, "update", "--memory", "128m", id);
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).contains("it is not running");

        Cli.Result missing = Cli.run(tmp, "update", "--memory", "128m", "no-such-container");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no-such-container");
    }

    @Test
    void eventsStatsPrintsUsageInRuncsShape() throws Exception {
        String id = started("sleep 1000", r -> {
            r.putObject("memory").put("limit", 64L << 20);
            r.putObject("pids").put("limit", 30);
        });
        JsonNode e = JSON.readTree(Cli.ok(tmp, "events", "--stats", id));
        assertThat(e.get("type").asText()).isEqualTo("stats");
        assertThat(e.get("id").asText()).isEqualTo(id);
        JsonNode d = e.get("data");
        assertThat(d.at("/memory/usage/limit").asLong()).isEqualTo(64L << 20);
        assertThat(d.at("/memory/usage/usage").asLong()).isPositive();
        assertThat(d.at("/memory/raw/total_rss").isNumber()).isTrue();
        assertThat(d.at("/pids/current").asLong()).isEqualTo(1);
        assertThat(d.at("/pids/limit").asLong()).isEqualTo(30);
        assertThat(d.at("/cpu/usage/total").asLong()).isPositive();
        assertThat(d.at("/cpu/usage/percpu").size()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.has("hugetlb")).isTrue();
        assertThat(d.get("network_interfaces").isNull()).isTrue();

        Cli.Result interval = Cli.run(tmp, "events", "--interval", "soon", id);
        assertThat(interval.exit()).isEqualTo(1);
        assertThat(interval.err()).contains("--interval");
    }

    @Test
    void eventsReportsAnOomKillAsItHappensAndEndsWithTheContainer() throws Exception {
        // the hog starts once the watcher is attached (it waits for the flag file in the bundle)
        String id = started("while [ ! -e /go ]; do sleep 0.1; done; dd if=/dev/zero of=/dev/null bs=64M count=1; "
                + "sleep 1000", r -> r.putObject("memory").put("limit", 32L << 20));
        Path out = tmp.resolve("events.out");
        List<String> cmd = List.of(Cli.home().resolve("bin/hull-runtime").toString(), "--root", Cli.ROOT.toString(),
                "events", "--interval", "1s", id);
        Process events = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Waits.until(() -> Waits.lines(out).stream().anyMatch(l -> l.contains("\"stats\"")), "first stats line", 30);
            Path rootfs = Path.of(JSON.readTree(Cli.ok(tmp, "state", id)).get("rootfs").asText());
            Files.writeString(rootfs.resolve("go"), "");
            Waits.until(() -> Waits.lines(out).stream().anyMatch(l -> l.contains("\"oom\"")), "oom event", 30);
            JsonNode oom = JSON.readTree(Waits.lines(out).stream().filter(l -> l.contains("\"oom\"")).findFirst().orElseThrow());
            assertThat(oom.get("type").asText()).isEqualTo("oom");
            assertThat(oom.get("id").asText()).isEqualTo(id);
            assertThat(read("memory", id, "memory.oom_control")).contains("oom_kill 1");

            Cli.ok(tmp, "delete", "--force", id);
            assertThat(events.waitFor(30, TimeUnit.SECONDS)).as("events ends once the container is gone").isTrue();
            assertThat(events.exitValue()).isZero();
        } finally {
            events.destroyForcibly();
        }
    }

    @Test
    void aHalfCpuQuotaHoldsABusyLoopToHalfACpu() throws Exception {
        String id = started("while :; do :; done", r -> r.putObject("cpu").put("quota", 50000).put("period", 100000));
        Thread.sleep(500); // past the start-up
        long used0 = number("cpuacct", id, "cpuacct.usage");
        long t0 = System.nanoTime();
        Thread.sleep(4000);
        long used = number("cpuacct", id, "cpuacct.usage") - used0;
        double share = (double) used / (System.nanoTime() - t0);
        assertThat(share).as("cpu share of a busy loop under a 0.5 cpu quota").isBetween(0.40, 0.60);
        assertThat(JSON.readTree(Cli.ok(tmp, "events", "--stats", id)).at("/data/cpu/throttling/throttledPeriods")
                .asLong()).isPositive();
    }

    @Test
    void pauseFreezesEveryProcessAndResumeThawsThem() throws Exception {
        String id = started("while :; do :; done", r -> { });
        int pid = JSON.readTree(Cli.ok(tmp, "state", id)).get("pid").asInt();
        Cli.ok(tmp, "pause", id);
        assertThat(JSON.readTree(Cli.ok(tmp, "state", id)).get("status").asText()).isEqualTo("paused");
        assertThat(processState(pid)).as("state of a frozen task").isIn("D", "T");
        long frozen0 = number("cpuacct", id, "cpuacct.usage");
        Thread.sleep(1000);
        assertThat(number("cpuacct", id, "cpuacct.usage")).as("no cpu progress while paused").isEqualTo(frozen0);

        Cli.ok(tmp, "resume", id);
        assertThat(JSON.readTree(Cli.ok(tmp, "state", id)).get("status").asText()).isEqualTo("running");
        Thread.sleep(500);
        assertThat(number("cpuacct", id, "cpuacct.usage")).as("cpu progress after resume").isGreaterThan(frozen0);
        assertThat(processState(pid)).isIn("R", "S");
    }

    @Test
    void ioThrottleLimitsLandInTheBlkioFiles() throws Exception {
        String dev = Files.readString(Path.of("/sys/block/loop0/dev")).trim(); // every host here has loop0
        String[] mm = dev.split(":");
        String id = started("sleep 1000", r -> {
            ObjectNode io = r.putObject("blockIO");
            io.putArray("throttleReadBpsDevice").addObject().put("major", Long.parseLong(mm[0]))
                    .put("minor", Long.parseLong(mm[1])).put("rate", 1048576);
            io.putArray("throttleWriteIOPSDevice").addObject().put("major", Long.parseLong(mm[0]))
                    .put("minor", Long.parseLong(mm[1])).put("rate", 100);
        });
        assertThat(read("blkio", id, "blkio.throttle.read_bps_device")).isEqualTo(dev + " 1048576");
        assertThat(read("blkio", id, "blkio.throttle.write_iops_device")).isEqualTo(dev + " 100");
        Path file = tmp.resolve("io.json");
        Files.writeString(file, "{\"blockIO\":{\"throttleReadBpsDevice\":[{\"major\":" + mm[0] + ",\"minor\":" + mm[1]
                + ",\"rate\":2097152}]}}");
        Cli.ok(tmp, "update", "-r", file.toString(), id);
        assertThat(read("blkio", id, "blkio.throttle.read_bps_device")).isEqualTo(dev + " 2097152");
    }

    private static String processState(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private void waitForStatus(String id, String status) throws Exception {
        Waits.until(() -> {
            try {
                return JSON.readTree(Cli.ok(tmp, "state", id)).get("status").asText().equals(status);
            } catch (IOException e) {
                return false;
            }
        }, "status " + status, 30);
    }

}

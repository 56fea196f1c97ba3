package dev.hull.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds Java-encoded plans, and every kind of damaged plan, to {@code hull-init --check}, which runs the very
 * decoder and validator that real mode runs before it executes anything. A valid plan must be listed step by
 * step; a damaged one must be refused with exit status 2 and a {@code hull-init: plan:} line, never a crash.
 * Needs no root: nothing is executed.
 */
class PlanDecoderRobustnessTest {

    private static final String[] OP_NAMES = {null, "PRESERVE_FDS", "JOIN_CGROUP", "CONSOLE_CONNECT",
            "OOM_SCORE_ADJ", "SETNS", "CLONE", "MOUNT", "SET_ROOT", "MKNOD", "SYMLINK", "MASK_PATH", "READONLY_PATH",
            "PIVOT_ROOT", "REMOUNT_RO", "SET_HOSTNAME", "SET_DOMAINNAME", "SYSCTL", "RLIMIT", "CHDIR", "UMASK",
            "NO_NEW_PRIVS", "CREDENTIALS", "SYNC", "HOOK", "CONSOLE", "SETSID", "OPEN_START_FIFO", "READY",
            "AWAIT_START", "RESOLVE_EXEC", "EXEC", "SECCOMP", "WRITE_ATTR", "TIME_NS", "MKDIR"};

    private static final int HEADER = 16;
    private static final Step.Clone CLONE = new Step.Clone("create container process",
            0x20000 | 0x4000000 | 0x8000000 | 0x20000000 | 0x40000000, Step.Clone.WAIT, "", "");

    private static Path hullInit;
    private static ExecutorService pool;

    record Result(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void setUp() {
        String path = System.getProperty("hull.init", "../hull-init/target/hull-init");
        hullInit = Path.of(path).toAbsolutePath();
        assertThat(Files.isExecutable(hullInit)).as("hull-init binary at %s (build hull-init first)", hullInit)
                .isTrue();
        pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /** A container start as the runtime plans it. */
    static Plan runPlan() {
        String rootfs = "/run/hull/c1/rootfs";
        long msBind = 4096, msRec = 16384, msPrivate = 1 << 18, nosuidNodevNoexec = 2 | 4 | 8;
        int inRootMkdir = Step.Mount.TARGET_IN_ROOT | Step.Mount.MKDIR;
        return Plan.builder()
                .add(new Step.PreserveFds("preserve 2 extra fds", 2))
                .add(new Step.JoinCgroup("join cgroup /sys/fs/cgroup/pids/hull/c1",
                        "/sys/fs/cgroup/pids/hull/c1/cgroup.procs"))
                .add(new Step.OomScoreAdj("oom_score_adj -500", -500))
                .add(CLONE)
                .add(new Step.Mount("make / private", 0, "", "/", "", msRec | msPrivate, ""))
                .add(new Step.Mount("bind " + rootfs, 0, rootfs, rootfs, "", msBind | msRec, ""))
                .add(new Step.SetRoot("root " + rootfs, rootfs))
                .add(new Step.Mount("mount proc on /proc", inRootMkdir, "proc", "/proc", "proc", nosuidNodevNoexec,
                        ""))
                .add(new Step.Mount("mount tmpfs on /dev", inRootMkdir, "tmpfs", "/dev", "tmpfs", 2 | (1 << 24),
                        "mode=755,size=65536k"))
                .add(new Step.Mount("bind /etc/resolv.conf", Step.Mount.TARGET_IN_ROOT | Step.Mount.BIND_SOURCE_STAT,
                        "/run/hull/c1/resolv.conf", "/etc/resolv.conf", "", msBind, ""))
                .add(new Step.Mknod("mknod /dev/null", "/dev/null", 0020666, 1, 3, 0, 0))
                .add(new Step.Symlink("symlink /dev/fd", "/proc/self/fd", "/dev/fd"))
                .add(new Step.OpenStartFifo("open start fifo", "/run/hull/c1/exec.fifo"))
                .add(new Step.PivotRoot("pivot_root to " + rootfs, rootfs, 0))
                .add(new Step.MaskPath("mask /proc/kcore", "/proc/kcore"))
                .add(new Step.ReadonlyPath("read-only /proc/sys", "/proc/sys"))
                .add(new Step.SetHostname("set hostname c1", "c1"))
                .add(new Step.Rlimit("rlimit nofile 1024", 7, 1024, 1024))
                .add(new Step.Chdir("chdir /", "/"))
                .add(new Step.NoNewPrivs("no_new_privs"))
                .add(new Step.Credentials("set user 1000:1000", 1000, 1000, List.of(10, 20), 0x421L, 0x421L,
                        0x421L, 0L, 0L, 0))
                .add(new Step.Ready("ready"))
                .add(new Step.AwaitStart("wait for start"))
                .add(new Step.ResolveExec("resolve \"sh\"", "sh", "/usr/bin:/bin"))
                .add(new Step.Exec("exec \"sh\"", List.of("sh", "-c", "echo hi"), List.of("PATH=/usr/bin:/bin")))
                .build();
    }

    /** Every step type, with edge values: negatives, all-ones, empty strings and lists, UTF-8, NUL in a blob. */
    static Plan everyStepPlan() {
        byte[] filter = new byte[8 * 3];
        filter[0] = 0x20;
        filter[8 + 6] = 0x7f;
        return Plan.builder()
                .add(new Step.PreserveFds("preserve 0 fds", 0))
                .add(new Step.JoinCgroup("join cgroup", "/sys/fs/cgroup/x/cgroup.procs"))
                .add(new Step.ConsoleConnect("connect console socket", "/run/hull/console.sock"))
                .add(new Step.OomScoreAdj("oom_score_adj -1000", -1000))
                .add(new Step.SetNs("join net namespace", "/proc/1/ns/net", 0x40000000))
                .add(new Step.TimeNs("time namespace", -86400L, 999_999_999, Long.MIN_VALUE, 0))
                .add(new Step.Clone("clone with user namespace", 0x10000000 | 0x20000 | 0x02000000,
                        Step.Clone.WAIT | Step.Clone.SETGROUPS_DENY, "0 100000 65536\n", "0 100000 65536\n"))
                .add(new Step.Mount("mount ✓ on /ü", Step.Mount.TARGET_IN_ROOT | Step.Mount.MKFILE
                        | Step.Mount.SOURCE_IN_ROOT, "/a", "/ü", "", -1L, ""))
                .add(new Step.SetRoot("root", "/"))
                .add(new Step.Mknod("mknod", "/dev/x", 0060600, -1, -1, -1, -1))
                .add(new Step.Symlink("symlink", "", "/l"))
                .add(new Step.Mkdir("mkdir", "/work/dir"))
                .add(new Step.MaskPath("mask", "/proc/keys"))
                .add(new Step.ReadonlyPath("read-only", "/proc/bus"))
                .add(new Step.PivotRoot("no pivot", "/", Step.PivotRoot.NO_PIVOT))
                .add(new Step.RemountReadonly("root read-only", "/"))
                .add(new Step.SetHostname("empty hostname", ""))
                .add(new Step.SetDomainname("domainname", "example.org"))
                .add(new Step.Sysctl("sysctl", "net.ipv4.conf.eth0.100.forwarding", "1"))
                .add(new Step.Rlimit("rlimit infinity", 0, -1L, -1L))
                .add(new Step.Chdir("chdir", "/tmp"))
                .add(new Step.Umask("umask", 0777))
                .add(new Step.NoNewPrivs("no_new_privs"))
                .add(new Step.Credentials("credentials", -1, -1, List.of(), -1L, 0L, -1L, -1L, 0L,
                        Step.Credentials.SKIP_SETGROUPS))
                .add(new Step.Sync("sync 1", 1))
                .add(new Step.Hook("hook", "/bin/hook", List.of(), List.of("A=1", ""), 0))
                .add(new Step.Console("console", 65535, 0))
                .add(new Step.SetSid("setsid"))
                .add(new Step.OpenStartFifo("fifo", "/f"))
                .add(new Step.Ready("ready"))
                .add(new Step.AwaitStart("await start"))
                .add(new Step.WriteAttr("attr", "/proc/self/attr/exec", "system_u:system_r:container_t:s0"))
                .add(new Step.Seccomp("seccomp", 0, filter))
                .add(new Step.ResolveExec("resolve", "/bin/sh", ""))
                .add(new Step.Exec("exec", List.of(""), List.of()))
                .build();
    }

    static List<Plan> validPlans() {
        List<Step> many = new ArrayList<>();
        many.add(CLONE);
        for (int i = 1; i < 4096; i++) {
            many.add(new Step.Sysctl("sysctl " + i, "kernel.x" + i, "v"));
        }
        String mib = "x".repeat(PlanEncoder.MAX_STRING);
        return List.of(runPlan(), everyStepPlan(),
                Plan.builder().add(new Step.SetNs("join mnt", "/proc/9/ns/mnt", 0x20000)).add(
                        new Step.Clone("clone", 0, 0, "", "")).build(),
                new Plan(many),
                Plan.builder().add(CLONE).add(new Step.SetHostname("a 1 MiB hostname", mib))
                        .add(new Step.Seccomp("largest filter", 0, new byte[8 * 4096])).build());
    }

    @Test
    void acceptsValidPlansAndListsEveryStep() throws Exception {
        for (Plan plan : validPlans()) {
            Result r = check(PlanEncoder.encode(plan));
            assertThat(r.exit()).as(r.stderr()).isZero();
            List<String> lines = r.stdout().lines().toList();
            assertThat(lines).hasSize(plan.steps().size());
            for (int i = 0; i < lines.size(); i++) {
                Step s = plan.steps().get(i);
                assertThat(lines.get(i)).isEqualTo(OP_NAMES[s.op()] + " " + s.description());
            }
        }
    }

    @Test
    void refusesEveryTruncation() throws Exception {
        for (Plan plan : List.of(runPlan(), everyStepPlan())) {
            byte[] bytes = PlanEncoder.encode(plan);
            List<byte[]> prefixes = new ArrayList<>();
            for (int n = 0; n < bytes.length; n++) {
                prefixes.add(Arrays.copyOf(bytes, n));
            }
            List<Result> results = checkAll(prefixes);
            for (int n = 0; n < results.size(); n++) {
                assertRefused(results.get(n), "prefix of " + n + " bytes");
            }
        }
    }

    @Test
    void survivesRandomMutations() throws Exception {
        Random random = new Random(20250101);
        List<byte[]> inputs = new ArrayList<>();
        for (Plan plan : List.of(runPlan(), everyStepPlan())) {
            byte[] bytes = PlanEncoder.encode(plan);
            for (int i = 0; i < 1500; i++) {
                byte[] m = bytes.clone();
                int edits = new int[] {1, 1, 1, 2, 3, 8, 32}[random.nextInt(7)];
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(m.length);
                    m[at] = (byte) new int[] {0, 0xff, 0x80, 0x7f, random.nextInt(256)}[random.nextInt(5)];
                }
                inputs.add(m);
            }
        }
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            inputs.add(junk);
            inputs.add(concat(header(1, random.nextInt(8)), junk));
        }
        List<Result> results = checkAll(inputs);
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            assertThat(r.exit()).as("input %d: %s", i, r.stderr()).isIn(0, 2);
            if (r.exit() == 2) {
                assertThat(r.stderr()).as("input %d", i).startsWith("hull-init: plan: ");
            }
        }
    }

    @Test
    void refusesHugeLengthsAndCounts() throws Exception {
        byte[] clone = stepBytes(CLONE);
        // a step whose payload claims 4 GiB
        byte[] hugePayload = clone.clone();
        putU32(hugePayload, 4, -1);
        assertRefused(check(concat(header(1, 1), hugePayload)), "payload length 0xffffffff");
        // a description claiming 4 GiB, then one just over the 1 MiB limit
        for (int len : new int[] {-1, PlanEncoder.MAX_STRING + 1, Integer.MAX_VALUE}) {
            byte[] s = clone.clone();
            putU32(s, 8, len);
            assertRefused(check(concat(header(1, 1), s)), "string length " + Integer.toUnsignedString(len));
        }
        byte[] big = rawStep(23, concat(u32(PlanEncoder.MAX_STRING + 1), new byte[PlanEncoder.MAX_STRING + 1],
                u32(1)));
        assertRefused(check(concat(header(1, 2), clone, big)), "1 MiB + 1 description");
        // list counts beyond 65536 and beyond the payload
        for (int count : new int[] {65537, -1, 1000}) {
            byte[] exec = rawStep(31, concat(str("exec"), u32(count), u32(0)));
            assertRefused(check(concat(header(1, 3), clone, stepBytes(new Step.ResolveExec("r", "sh", "")), exec)),
                    "argv count " + Integer.toUnsignedString(count));
            byte[] cred = rawStep(22, concat(str("cred"), u32(0), u32(0), u32(count), new byte[8 * 5 + 4]));
            assertRefused(check(concat(header(1, 2), clone, cred)), "gid count " + Integer.toUnsignedString(count));
        }
        // step counts: above 4096, and more than there are
        assertRefused(check(concat(header(1, 4097), clone)), "4097 steps");
        assertRefused(check(concat(header(1, -1), clone)), "0xffffffff steps");
        assertRefused(check(concat(header(1, 2), clone)), "2 steps announced, 1 present");
        // more than 16 MiB on stdin
        byte[] valid = PlanEncoder.encode(runPlan());
        assertRefused(check(concat(valid, new byte[(16 << 20) + 1 - valid.length])), "16 MiB + 1");
    }

    @Test
    void refusesBadHeadersOpsReservedFieldsAndStrings() throws Exception {
        byte[] valid = PlanEncoder.encode(runPlan());
        byte[] magic = valid.clone();
        magic[3] = 'X';
        assertRefused(check(magic), "wrong magic");
        for (int version : new int[] {0, 2, -1}) {
            byte[] v = valid.clone();
            putU32(v, 8, version);
            assertRefused(check(v), "version " + version);
        }
        byte[] clone = stepBytes(CLONE);
        for (int op : new int[] {0, 35, 0x7fff, 0xffff}) {
            byte[] unknown = rawStep(op, str("x"));
            assertRefused(check(concat(header(1, 2), clone, unknown)), "op " + op);
        }
        for (int reserved : new int[] {1, 0x100, 0xffff}) {
            byte[] r = clone.clone();
            r[2] = (byte) reserved;
            r[3] = (byte) (reserved >>> 8);
            assertRefused(check(concat(header(1, 1), r)), "reserved " + reserved);
        }
        // a NUL inside a description and inside a path (PlanEncoder refuses them: patch the bytes)
        byte[] nulDesc = PlanEncoder.encode(Plan.builder().add(new Step.Clone("cl?ne", 0, 0, "", "")).build());
        nulDesc[indexOf(nulDesc, "cl?ne") + 2] = 0;
        assertRefused(check(nulDesc), "NUL in a description");
        byte[] nulPath = PlanEncoder.encode(Plan.builder().add(CLONE).add(new Step.Chdir("chdir", "/t?mp")).build());
        nulPath[indexOf(nulPath, "/t?mp") + 2] = 0;
        assertRefused(check(nulPath), "NUL in a path");
        // a payload longer than its fields: an extra byte inside the step
        byte[] sync = stepBytes(new Step.Sync("sync", 7));
        byte[] longer = concat(sync, new byte[1]);
        putU32(longer, 4, sync.length - 8 + 1);
        assertRefused(check(concat(header(1, 2), clone, longer)), "payload longer than its fields");
        // trailing garbage after the last step
        assertRefused(check(concat(valid, new byte[1])), "1 trailing byte");
        assertRefused(check(concat(valid, "garbage".repeat(20).getBytes(StandardCharsets.US_ASCII))),
                "trailing text");
    }

    @Test
    void refusesZeroOrTwoClones() throws Exception {
        byte[] clone = stepBytes(CLONE);
        byte[] sync = stepBytes(new Step.Sync("sync", 1));
        assertRefused(check(header(1, 0)), "no steps");
        assertRefused(check(concat(header(1, 1), stepBytes(new Step.OomScoreAdj("oom", 0)))), "no clone");
        assertRefused(check(concat(header(1, 2), clone, clone)), "two clones");
        assertRefused(check(concat(header(1, 3), clone, sync, clone)), "two clones apart");
    }

    /**
     * Real mode decodes and checks the whole plan with this same decoder before it runs step 0. A plan whose
     * damage lies after the CLONE (in the part the child would run, after a launcher part that would already
     * have had effects) must therefore be refused as a whole: nothing listed, nothing run.
     */
    @Test
    void damageAfterTheCloneRefusesTheWholePlan() throws Exception {
        byte[] bytes = PlanEncoder.encode(runPlan());
        int afterClone = HEADER;
        for (Step s : runPlan().steps()) {
            afterClone += stepBytes(s).length;
            if (s instanceof Step.Clone) {
                break;
            }
        }
        int lastStep = bytes.length - stepBytes(runPlan().steps().getLast()).length;
        List<byte[]> damaged = new ArrayList<>();
        byte[] reserved = bytes.clone();
        reserved[lastStep + 2] = 1; // the EXEC step's reserved field
        damaged.add(reserved);
        byte[] op = bytes.clone();
        op[lastStep] = 99; // the EXEC step becomes an unknown op
        damaged.add(op);
        byte[] length = bytes.clone();
        length[lastStep + 4]++; // the EXEC payload claims one byte more than there is
        damaged.add(length);
        byte[] firstChild = bytes.clone();
        putU32(firstChild, afterClone + 8, PlanEncoder.MAX_STRING + 1); // first child step's description length
        damaged.add(firstChild);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        damaged.add(truncated);
        for (byte[] d : damaged) {
            Result r = check(d);
            assertRefused(r, "damage after the clone");
            assertThat(r.stdout()).as("a refused plan lists no step").isEmpty();
        }
    }

    // --- running hull-init --check ---

    private static void assertRefused(Result r, String what) {
        assertThat(r.exit()).as("%s: exit status (stderr: %s)", what, r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).as(what).startsWith("hull-init: plan: ");
        assertThat(r.stderr().lines().count()).as(what).isEqualTo(1);
    }

    private static List<Result> checkAll(List<byte[]> inputs) throws Exception {
        List<Future<Result>> futures = new ArrayList<>();
        for (byte[] in : inputs) {
            futures.add(pool.submit(() -> check(in)));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private static Result check(byte[] input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(hullInit.toString(), "--check").start();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = p.getOutputStream()) {
                out.write(input);
            } catch (IOException ignored) {
                // hull-init may stop reading an oversized plan: a broken pipe is expected then
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("hull-init --check finished").isTrue();
        writer.join();
        int exit = p.exitValue();
        assertThat(exit).as("exit status (a crash is 128+signal): %s", new String(err, StandardCharsets.UTF_8))
                .isLessThan(128);
        return new Result(exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    // --- raw plan assembly, for plans Plan and PlanEncoder rightly refuse to build ---

    /** The wire bytes of one step, exactly as PlanEncoder writes it. */
    private static byte[] stepBytes(Step step) {
        if (step instanceof Step.Clone) {
            byte[] p = PlanEncoder.encode(new Plan(List.of(step)));
            return Arrays.copyOfRange(p, HEADER, p.length);
        }
        int cloneLength = stepBytes(CLONE).length;
        byte[] p = PlanEncoder.encode(new Plan(List.of(CLONE, step)));
        return Arrays.copyOfRange(p, HEADER + cloneLength, p.length);
    }

    private static byte[] header(int version, int steps) {
        return concat("HULLPLAN".getBytes(StandardCharsets.US_ASCII), u32(version), u32(steps));
    }

    private static byte[] rawStep(int op, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) op).putShort((short) 0).putInt(payload.length).put(payload);
        return b.array();
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(u32(b.length), b);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static void putU32(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(needle);
    }
}

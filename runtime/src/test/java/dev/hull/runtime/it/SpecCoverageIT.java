package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runtime-spec fields beyond the defaults, each observed from inside the container. */
class SpecCoverageIT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path tmp;

    private String id() {
        return "cov-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    private String runInside(TestBundle b, String... extraArgs) {
        b.write();
        String id = id();
        List<String> args = new java.util.ArrayList<>(List.of("run", "--bundle", b.dir.toString()));
        args.addAll(List.of(extraArgs));
        args.add(id);
        Cli.Result r = Cli.run(b.dir, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        Leftovers.assertNone(id);
        return r.out();
    }

    @Test
    void noPivotModeRunsInTheRootfs() {
        String out = runInside(TestBundle.sh(tmp, "ls /"), "--no-pivot");
        assertThat(out).contains("bin").contains("proc");
    }

    @Test
    void aMissingWorkingDirectoryIsMadeEvenOnAReadonlyRoot() {
        TestBundle b = TestBundle.sh(tmp, "pwd");
        b.process().put("cwd", "/not/there/yet");
        b.config.with("root").put("readonly", true);
        assertThat(runInside(b).trim()).isEqualTo("/not/there/yet");
        assertThat(b.rootfs().resolve("not/there/yet")).isDirectory();
    }

    @Test
    void readonlyRootIsReadonly() {
        TestBundle b = TestBundle.sh(tmp, "touch /made 2>&1 || echo REFUSED");
        b.config.with("root").put("readonly", true);
        assertThat(runInside(b)).contains("Read-only file system").contains("REFUSED");
    }

    @Test
    void timeNamespaceOffsetsShiftTheMonotonicClock() {
        TestBundle b = TestBundle.sh(tmp, "cut -d. -f1 /proc/uptime");
        ((ArrayNode) b.linux().get("namespaces")).addObject().put("type", "time");
        b.linux().putObject("timeOffsets").putObject("boottime").put("secs", 864000).put("nanosecs", 0);
        long inside = Long.parseLong(runInside(b).trim());
        assertThat(inside).isGreaterThanOrEqualTo(864000);
    }

    @Test
    void cgroupNamespaceHidesTheHostPath() {
        TestBundle b = TestBundle.sh(tmp, "grep memory /proc/self/cgroup");
        ((ArrayNode) b.linux().get("namespaces")).addObject().put("type", "cgroup");
        assertThat(runInside(b).trim()).endsWith("memory:/");
    }

    @Test
    void joinsANetworkNamespaceByPath() throws Exception {
        String ns = "hull-it-" + ProcessHandle.current().pid();
        Cli.Result add = Cli.exec(tmp, List.of("ip", "netns", "add", ns), 10);
        assertThat(add.exit()).as(add.toString()).isZero();
        try {
            TestBundle b = TestBundle.sh(tmp, "readlink /proc/self/ns/net");
            ArrayNode namespaces = (ArrayNode) b.linux().get("namespaces");
            for (var n : namespaces) {
                if (n.get("type").asText().equals("network")) {
                    ((ObjectNode) n).put("path", "/var/run/netns/" + ns);
                }
            }
            Object inode = Files.getAttribute(Path.of("/var/run/netns/" + ns), "unix:ino");
            assertThat(runInside(b).trim()).isEqualTo("net:[" + inode + "]");
        } finally {
            Cli.exec(tmp, List.of("ip", "netns", "delete", ns), 10);
        }
    }

    @Test
    void joinsAMountNamespaceByPath() throws Exception {
        // a process in its own mount namespace, with a tmpfs only that namespace sees
        Path marker = Files.createDirectory(tmp.resolve("only-there"));
        String holder = "exec unshare --mount --propagation private sh -c 'mount -t tmpfs none " + marker
                + " && touch " + marker + "/seen && exec sleep 300'";
        Process p = new ProcessBuilder("bash", "-c", holder).start();
        try {
            Path seen = Path.of("/proc/" + p.pid() + "/root" + marker + "/seen");
            for (int i = 0; i < 100 && !Files.exists(seen); i++) {
                Thread.sleep(20);
            }
            assertThat(seen).exists();
            assertThat(marker.resolve("seen")).doesNotExist(); // not in the host's namespace
            TestBundle b = TestBundle.sh(tmp, "readlink /proc/self/ns/mnt");
            for (var n : (ArrayNode) b.linux().get("namespaces")) {
                if (n.get("type").asText().equals("mount")) {
                    ((ObjectNode) n).put("path", "/proc/" + p.pid() + "/ns/mnt");
                }
            }
            String inside = runInside(b).trim();
            assertThat(inside).isEqualTo(Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/mnt")).toString());
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void sysctlOomScoreAndDomainnameAreApplied() throws Exception {
        TestBundle b = TestBundle.sh(tmp,
                "cat /proc/sys/kernel/shm_rmid_forced; cat /proc/self/oom_score_adj; cat /proc/sys/kernel/domainname");
        b.linux().putObject("sysctl").put("kernel.shm_rmid_forced", "1");
        b.process().put("oomScoreAdj", 421);
        b.config.put("domainname", "inside.example");
        String hostValue = Files.readString(Path.of("/proc/sys/kernel/shm_rmid_forced")).trim();
        assertThat(runInside(b).lines().toList()).containsExactly("1", "421", "inside.example");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/shm_rmid_forced")).trim()).isEqualTo(hostValue);
    }

    @Test
    void addedCapabilitiesArePresent() {
        TestBundle b = TestBundle.sh(tmp,
                "touch /dev/shm/f; chown 65534 /dev/shm/f && echo CHOWNED; grep CapAmb /proc/self/status");
        ObjectNode caps = b.process().with("capabilities");
        for (String set : List.of("bounding", "effective", "permitted", "inheritable", "ambient")) {
            ArrayNode a = caps.has(set) ? (ArrayNode) caps.get(set) : caps.putArray(set);
            a.add("CAP_CHOWN");
        }
        String out = runInside(b);
        assertThat(out).contains("CHOWNED");
        assertThat(out).containsPattern("CapAmb:\\s+0000000000000001");
    }

    @Test
    void seccompDeniesTheListedCallWithEperm() {
        TestBundle b = TestBundle.sh(tmp, "mkdir /tmp/x 2>&1; echo status=$?; ls /tmp >/dev/null && echo LS_OK");
        ObjectNode sec = b.linux().putObject("seccomp");
        sec.put("defaultAction", "SCMP_ACT_ALLOW");
        sec.putArray("architectures").add("SCMP_ARCH_X86_64");
        ObjectNode rule = sec.putArray("syscalls").addObject();
        rule.putArray("names").add("mkdir").add("mkdirat");
        rule.put("action", "SCMP_ACT_ERRNO");
        String out = runInside(b);
        assertThat(out).contains("Operation not permitted").contains("status=1").contains("LS_OK");
    }

    @Test
    void bindMountsHonourReadonlyAndTmpfsHonoursSizeAndMode() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("ro-src"));
        Files.writeString(shared.resolve("file"), "from-host");
        TestBundle b = TestBundle.sh(tmp, "cat /ro/file; touch /ro/new 2>&1 || echo RO_REFUSED; "
                + "grep ' /scratch ' /proc/mounts; stat -c %a /scratch");
        ArrayNode mounts = (ArrayNode) b.config.get("mounts");
        ObjectNode ro = mounts.addObject().put("destination", "/ro").put("type", "bind").put("source", shared.toString());
        ro.putArray("options").add("bind").add("ro");
        ObjectNode t = mounts.addObject().put("destination", "/scratch").put("type", "tmpfs").put("source", "tmpfs");
        t.putArray("options").add("size=2m").add("mode=0750").add("nodev");
        String out = runInside(b);
        assertThat(out).contains("from-host").contains("RO_REFUSED");
        assertThat(out).containsPattern("tmpfs /scratch tmpfs rw,nodev.*size=2048k,mode=750");
        assertThat(out.lines().toList().getLast()).isEqualTo("750");
        assertThat(shared.resolve("new")).doesNotExist();
    }

    @Test
    void preservedFdsReachTheContainer() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "echo through-fd-3 >&3").write();
        Path out = tmp.resolve("fd3.out");
        String id = id();
        String cmd = "exec 3>" + out + "; exec " + Cli.home().resolve("bin/hull-runtime") + " --root " + Cli.ROOT
                + " run --preserve-fds 1 --bundle " + b.dir + " " + id;
        Cli.Result r = Cli.exec(tmp, List.of("bash", "-c", cmd), 120);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo("through-fd-3\n");
        Leftovers.assertNone(id);
    }

    @Test
    void deviceCgroupDeniesDevicesThatAreNotAllowed() {
        // CAP_MKNOD lets the process make any node; the devices cgroup decides what it may open
        TestBundle b = TestBundle.sh(tmp, "mknod /dev/h-loop b 7 0 && echo MADE; "
                + "head -c 1 /dev/h-loop > /dev/null 2>/dev/shm/err; cat /dev/shm/err; "
                + "mknod /dev/h-null c 1 3 && echo x > /dev/h-null && echo NULL_OK");
        ObjectNode caps = b.process().with("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ((ArrayNode) caps.get(set)).add("CAP_MKNOD");
        }
        String out = runInside(b);
        assertThat(out).contains("MADE").contains("NULL_OK");
        assertThat(out).contains("h-loop: Operation not permitted");
    }

    @Test
    void deviceRuleFromTheConfigAllowsADevice() {
        TestBundle b = TestBundle.sh(tmp, "mknod /dev/h-loop b 7 0; "
                + "head -c 1 /dev/h-loop > /dev/null 2>/dev/shm/err; cat /dev/shm/err; echo DONE");
        ObjectNode caps = b.process().with("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ((ArrayNode) caps.get(set)).add("CAP_MKNOD");
        }
        ArrayNode rules = b.linux().with("resources").putArray("devices");
        rules.addObject().put("allow", false).put("access", "rwm");
        rules.addObject().put("allow", true).put("type", "b").put("major", 7).put("minor", 0).put("access", "r");
        String out = runInside(b);
        assertThat(out).contains("DONE").doesNotContain("Operation not permitted");
    }

    @Test
    void apparmorProfileIsRefusedWhenAppArmorIsNotActive() {
        TestBundle b = TestBundle.sh(tmp, "true");
        b.process().put("apparmorProfile", "hull-default");
        b.write();
        String id = id();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("apparmorProfile").contains("AppArmor is not enabled");
        Leftovers.assertNone(id);
    }
}

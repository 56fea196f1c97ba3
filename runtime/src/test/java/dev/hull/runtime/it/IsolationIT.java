package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Each isolation of the default configuration, observed from inside the container. */
class IsolationIT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path tmp;

    private String id() {
        return "iso-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    private String runInside(TestBundle b) {
        b.write();
        String id = id();
        Cli.Result r = Cli.run(b.dir, "run", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).as(r.toString()).isZero();
        Leftovers.assertNone(id);
        return r.out();
    }

    @Test
    void hostnameIsTheConfiguredOneNotTheHosts() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "hostname");
        b.config.put("hostname", "inside-box");
        assertThat(runInside(b).trim()).isEqualTo("inside-box").isNotEqualTo(InetAddress.getLocalHost().getHostName());
    }

    @Test
    void processIsPidOneAndHostProcessesAreInvisible() {
        String out = runInside(TestBundle.sh(tmp, "echo pid=$$; ls /proc | grep -c '^[0-9]'"));
        assertThat(out).contains("pid=1");
        // sh itself and ls/grep: a handful at most, never the host's hundreds
        int visible = Integer.parseInt(out.lines().toList().getLast().trim());
        assertThat(visible).isLessThan(6);
    }

    @Test
    void networkHasOnlyLoopback() {
        String out = runInside(TestBundle.sh(tmp, "ls /sys/class/net"));
        assertThat(out.trim().split("\\s+")).containsExactly("lo");
    }

    @Test
    void hostSysvIpcObjectsAreInvisible() throws Exception {
        // make a shared memory segment on the host, then look for it inside
        Cli.Result mk = Cli.exec(tmp, java.util.List.of("ipcmk", "-M", "4096"), 10);
        assertThat(mk.exit()).as(mk.toString()).isZero();
        String key = mk.out().replaceAll("(?s).*: *", "").trim();
        try {
            assertThat(Files.readString(Path.of("/proc/sysvipc/shm"))).isNotBlank();
            String out = runInside(TestBundle.sh(tmp, "cat /proc/sysvipc/shm | wc -l"));
            assertThat(out.trim()).isEqualTo("1"); // header line only
        } finally {
            Cli.exec(tmp, java.util.List.of("ipcrm", "-M", key.startsWith("0x") ? key : "0x" + key), 10);
        }
    }

    @Test
    void rootInsideMapsToConfiguredHostUid() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "cat /proc/self/uid_map; id -u; touch /data/made-inside");
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        b.linux().withArray("namespaces").addObject().put("type", "user");
        b.linux().putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        b.linux().putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
        m.put("destination", "/data").put("type", "bind").put("source", shared.toString());
        m.putArray("options").add("rbind").add("rw");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        // the rootfs must be readable by the mapped root
        TestBundle.run(java.util.List.of("chown", "-R", "100000:100000", b.rootfs().toString()));
        String out = runInside(b);
        assertThat(out).containsPattern("\\s*0\\s+100000\\s+65536");
        assertThat(out.lines().toList()).contains("0");
        assertThat(Files.getAttribute(shared.resolve("made-inside"), "unix:uid")).isEqualTo(100000);
    }

    @Test
    void defaultMountsArePresentWithTheirOptions() {
        String out = runInside(TestBundle.sh(tmp, "cat /proc/mounts"));
        assertThat(out).containsPattern("proc /proc proc rw");
        assertThat(out).containsPattern("tmpfs /dev tmpfs rw,nosuid.*mode=755");
        assertThat(out).containsPattern("devpts /dev/pts devpts rw,nosuid,noexec.*gid=5,mode=620,ptmxmode=666");
        assertThat(out).containsPattern("shm /dev/shm tmpfs rw,nosuid,nodev,noexec.*size=65536k");
        assertThat(out).containsPattern("mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec");
        assertThat(out).containsPattern("sysfs /sys sysfs ro,nosuid,nodev,noexec");
        assertThat(out).containsPattern(" /sys/fs/cgroup/\\S+ cgroup ro,");
    }

    @Test
    void maskedAndReadonlyPathsAreEnforced() throws Exception {
        TestBundle b = TestBundle.sh(tmp,
                "wc -c < /etc/secret-file; ls /etc/secret-dir | wc -l; "
                        + "touch /data/x && echo WROTE || echo REFUSED; "
                        + "echo 1 > /proc/sys/kernel/panic && echo WROTE2 || echo REFUSED2; "
                        + "echo 1 > /proc/sysrq-trigger && echo WROTE3 || echo REFUSED3");
        Files.writeString(b.rootfs().resolve("etc/secret-file"), "host secret\n");
        Files.createDirectories(b.rootfs().resolve("etc/secret-dir"));
        Files.writeString(b.rootfs().resolve("etc/secret-dir/key"), "k");
        ((ArrayNode) b.linux().get("maskedPaths")).add("/etc/secret-file").add("/etc/secret-dir");
        ((ArrayNode) b.linux().get("readonlyPaths")).add("/data");
        b.config.with("root").put("readonly", false);
        assertThat(runInside(b).lines().toList())
                .containsExactly("0", "0", "REFUSED", "REFUSED2", "REFUSED3");
    }

    @Test
    void droppedCapabilityIsReallyMissing() {
        // the default spec keeps only CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE
        String out = runInside(TestBundle.sh(tmp,
                "grep CapEff /proc/self/status; touch /dev/shm/f && chown 65534 /dev/shm/f 2>&1 && echo CHOWNED || echo DENIED"));
        assertThat(out).doesNotContain("touch:"); // the file exists: only chown can have failed
        assertThat(out).contains("DENIED").contains("Operation not permitted").doesNotContain("CHOWNED");
        assertThat(out).containsPattern("CapEff:\\s+0000000020000420");
    }

    @Test
    void noNewPrivsIsSet() {
        String out = runInside(TestBundle.sh(tmp, "grep NoNewPrivs /proc/self/status"));
        assertThat(out).containsPattern("NoNewPrivs:\\s+1");
    }

    @Test
    void rlimitsAreApplied() {
        TestBundle b = TestBundle.sh(tmp, "ulimit -n; ulimit -Hn");
        ObjectNode r = b.process().putArray("rlimits").addObject();
        r.put("type", "RLIMIT_NOFILE").put("soft", 321).put("hard", 654);
        assertThat(runInside(b).lines().toList()).containsExactly("321", "654");
    }

    @Test
    void userGroupsAndCwdAreApplied() {
        TestBundle b = TestBundle.sh(tmp, "id -u; id -g; id -G; pwd; umask");
        b.process().putObject("user").put("uid", 65534).put("gid", 65534).put("umask", 63)
                .putArray("additionalGids").add(5).add(7);
        b.process().put("cwd", "/tmp");
        assertThat(runInside(b).lines().toList()).containsExactly("65534", "65534", "65534 5 7", "/tmp", "0077");
    }

    @Test
    void exitStatusIsPassedThrough() {
        TestBundle b = TestBundle.sh(tmp, "exit 7").write();
        String id = id();
        Cli.Result r = Cli.run(b.dir, "run", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(7);
        Leftovers.assertNone(id);
    }
}

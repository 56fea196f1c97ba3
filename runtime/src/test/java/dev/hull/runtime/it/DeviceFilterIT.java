package dev.hull.runtime.it;

import dev.hull.runtime.cgroup.DeviceProgram;
import dev.hull.runtime.cgroup.DeviceRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cgroup v2 device program, enforced by this kernel. This host mounts cgroup2
 * beside its v1 controllers (/sys/fs/cgroup/unified); a device program attached to
 * a directory there applies to the processes in it like on a v2-only host.
 */
class DeviceFilterIT {

    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");

    @TempDir
    Path tmp;
    private Path cgroup;

    @BeforeEach
    void makeCgroup() throws Exception {
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(" " + UNIFIED + " ");
        cgroup = Files.createDirectory(UNIFIED.resolve("hull-devfilter-" + ProcessHandle.current().pid()));
    }

    @AfterEach
    void removeCgroup() throws Exception {
        Files.deleteIfExists(cgroup);
        assertThat(cgroup).doesNotExist();
    }

    /** Runs a shell that first moves itself into the test cgroup. */
    private String inCgroup(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + "; " + script)
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static List<DeviceRule> rules(DeviceRule... extra) {
        List<DeviceRule> r = new ArrayList<>(List.of(new DeviceRule(false, 'a', -1, -1, "rwm"),
                new DeviceRule(true, 'c', 1, 3, "rwm")));
        r.addAll(List.of(extra));
        return r;
    }

    @Test
    void theProgramDeniesWhatTheRulesDoNotAllowAndAReplacementTakesOver() throws Exception {
        DeviceProgram.apply(cgroup, rules());
        String out = inCgroup("head -c1 /dev/zero >/dev/null; echo zero=$?; echo x > /dev/null; echo null=$?; "
                + "mknod n9 c 1 9; echo mknod9=$?");
        assertThat(out).contains("zero=1").contains("null=0").contains("mknod9=1").contains("Operation not permitted");

        DeviceProgram.apply(cgroup, rules(new DeviceRule(true, 'c', 1, 5, "r"), new DeviceRule(true, 'c', 1, 9, "m")));
        String after = inCgroup("head -c1 /dev/zero | wc -c; echo x > /dev/zero; echo zerow=$?; "
                + "mknod n9 c 1 9; echo mknod9=$?; head -c1 n9 >/dev/null; echo open9=$?");
        assertThat(after).startsWith("1\n").contains("cannot create /dev/zero: Operation not permitted")
                .doesNotContain("zerow=0").contains("mknod9=0").contains("open9=1");
    }

    @Test
    void replacingLeavesExactlyOneProgram() throws Exception {
        DeviceProgram.apply(cgroup, rules());
        DeviceProgram.apply(cgroup, rules());
        DeviceProgram.apply(cgroup, rules());
        int fd = dev.hull.sys.Libc.open(cgroup.toString(), dev.hull.sys.OpenFlags.O_RDONLY
                | dev.hull.sys.OpenFlags.O_DIRECTORY | dev.hull.sys.OpenFlags.O_CLOEXEC, 0);
        try {
            assertThat(dev.hull.sys.Bpf.queryDevicePrograms(fd)).hasSize(1);
        } finally {
            dev.hull.sys.Libc.close(fd);
        }
    }
}

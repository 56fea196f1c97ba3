package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;
import dev.hull.sys.Bpf;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.SyscallException;

import java.nio.file.Path;
import java.util.List;

/**
 * Puts device rules on a cgroup v2 directory as an eBPF program ({@link DeviceFilter}).
 * A new program is attached (with BPF_F_ALLOW_MULTI) before the programs that were
 * there are detached, so a container is never without a filter while its rules
 * change. The attachment keeps the program alive; removing the cgroup frees it.
 */
public final class DeviceProgram {

    private DeviceProgram() {
    }

    public static void apply(Path cgroupDir, List<DeviceRule> rules) {
        byte[] program = DeviceFilter.compile(rules);
        int dir = -1;
        int prog = -1;
        try {
            dir = Libc.open(cgroupDir.toString(), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
            int[] before = Bpf.queryDevicePrograms(dir);
            prog = Bpf.loadCgroupDeviceProgram(program, "Apache-2.0");
            Bpf.attachDeviceProgram(dir, prog, Bpf.F_ALLOW_MULTI);
            for (int id : before) {
                int old = Bpf.programFdById(id);
                try {
                    Bpf.detachDeviceProgram(dir, old);
                } finally {
                    Libc.closeQuietly(old);
                }
            }
        } catch (SyscallException e) {
            throw new ContainerException("device rules (eBPF program of " + rules.size() + " rules) for "
                    + cgroupDir + ": " + e.getMessage(), e);
        } finally {
            Libc.closeQuietly(prog);
            Libc.closeQuietly(dir);
        }
    }
}

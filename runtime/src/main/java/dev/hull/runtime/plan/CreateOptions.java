package dev.hull.runtime.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What the create plan needs besides the config.
 *
 * @param bundle           the bundle directory (absolute); relative bind sources resolve against it
 * @param rootfs           the root file system on the host, absolute and resolved
 * @param startFifo        the fifo the init waits on until start
 * @param consoleSocket    the console socket path, required when process.terminal is true; may be null
 * @param noPivot          move-mount and chroot instead of pivot_root
 * @param preserveFds      extra fds (from 3) that the container keeps
 * @param cgroupProcsFiles the cgroup.procs files the launcher joins, one per hierarchy
 * @param cgroupMounts     the host's hierarchies for a {@code cgroup} mount, with the container's directories
 * @param waitForExit      the launcher waits for the container and reports its exit (run in the foreground)
 * @param lsm              the LSMs enabled on the host
 * @param rootfsMount      the mount point holding the rootfs (the rootfs itself when it is a mount point),
 *                         see {@link MountPoints#holding(Path)}
 */
public record CreateOptions(Path bundle, Path rootfs, Path startFifo, String consoleSocket, boolean noPivot,
                            int preserveFds, List<Path> cgroupProcsFiles, List<CgroupMount> cgroupMounts,
                            boolean waitForExit, HostLsm lsm, Path rootfsMount) {

    /** Takes the rootfs to be a mount point of its own. */
    public CreateOptions(Path bundle, Path rootfs, Path startFifo, String consoleSocket, boolean noPivot,
                         int preserveFds, List<Path> cgroupProcsFiles, List<CgroupMount> cgroupMounts,
                         boolean waitForExit, HostLsm lsm) {
        this(bundle, rootfs, startFifo, consoleSocket, noPivot, preserveFds, cgroupProcsFiles, cgroupMounts,
                waitForExit, lsm, rootfs);
    }

    public CreateOptions {
        rootfsMount = rootfsMount == null ? rootfs : rootfsMount;
        cgroupProcsFiles = cgroupProcsFiles == null ? List.of() : List.copyOf(cgroupProcsFiles);
        cgroupMounts = cgroupMounts == null ? List.of() : List.copyOf(cgroupMounts);
        lsm = lsm == null ? HostLsm.NONE : lsm;
        if (preserveFds < 0) {
            throw new IllegalArgumentException("preserveFds must not be negative: " + preserveFds);
        }
    }
}

package dev.hull.runtime.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What an exec plan needs besides the process.
 *
 * @param targetPid        the container's init process (host pid)
 * @param namespaces       the namespaces to join, e.g. from {@link NamespaceJoin#forContainer}
 * @param cgroupProcsFiles the container's cgroup.procs files
 * @param consoleSocket    required when the process has a terminal; may be null
 * @param detach           do not wait for the process (else the launcher reports its exit)
 * @param preserveFds      extra fds (from 3) that the process keeps
 * @param lsm              the LSMs enabled on the host
 */
public record ExecOptions(int targetPid, List<NamespaceJoin> namespaces, List<Path> cgroupProcsFiles,
                          String consoleSocket, boolean detach, int preserveFds, HostLsm lsm) {

    public ExecOptions {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        cgroupProcsFiles = cgroupProcsFiles == null ? List.of() : List.copyOf(cgroupProcsFiles);
        lsm = lsm == null ? HostLsm.NONE : lsm;
        if (preserveFds < 0) {
            throw new IllegalArgumentException("preserveFds must not be negative: " + preserveFds);
        }
    }
}

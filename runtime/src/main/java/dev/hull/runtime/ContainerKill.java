package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.ProcStat;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;
import dev.hull.sys.Errno;
import dev.hull.sys.Libc;
import dev.hull.sys.SyscallException;


/** kill: sends a signal to the container's init, or with --all to every process in its cgroup. */
public final class ContainerKill {

    private ContainerKill() {
    }

    public static void kill(RuntimeContext ctx, String id, int signal, boolean all) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status == Status.STOPPED || status == Status.CREATING) {
            throw new ContainerException("cannot kill container \"" + id + "\": it is " + status.word());
        }
        if (all) {
            Cgroup cg = r.cgroup();
            if (signal == 9) {
                Processes.thaw(cg);
            }
            for (int pid : cg.pids()) {
                try {
                    Libc.kill(pid, signal);
                } catch (SyscallException e) {
                    if (e.errno() != Errno.ESRCH) {
                        throw new ContainerException("kill " + pid + " in container \"" + id + "\": "
                                + e.getMessage(), e);
                    }
                }
            }
            return;
        }
        signalInit(r, signal);
    }

    /**
     * Signals the init through a pidfd opened after checking the start time, so a
     * recycled pid can never receive the signal.
     */
    private static void signalInit(ContainerRecord r, int signal) {
        int pidfd;
        try {
            pidfd = Libc.pidfdOpen(r.pid());
        } catch (SyscallException e) {
            throw new ContainerException("cannot kill container \"" + r.id() + "\": its init process has exited");
        }
        try {
            if (ProcStat.startTicks(r.pid()) != r.startTicks()) {
                throw new ContainerException("cannot kill container \"" + r.id() + "\": its init process has exited");
            }
            Libc.pidfdSendSignal(pidfd, signal);
        } catch (SyscallException e) {
            throw new ContainerException("kill container \"" + r.id() + "\": " + e.getMessage(), e);
        } finally {
            Libc.closeQuietly(pidfd);
        }
    }
}

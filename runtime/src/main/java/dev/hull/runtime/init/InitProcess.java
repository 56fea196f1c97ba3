package dev.hull.runtime.init;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.monitor.MonitorOptions;
import dev.hull.runtime.plan.Plan;
import dev.hull.runtime.plan.PlanEncoder;
import dev.hull.sys.Libc;
import dev.hull.sys.SpawnRequest;
import dev.hull.sys.WaitStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running hull-init: started with posix_spawn (not ProcessBuilder, which would
 * close the control socket and the fds the container must inherit), fed a plan over
 * the control channel, and read for its messages.
 */
public final class InitProcess implements AutoCloseable {

    private final int launcherPid;
    private final int ctl;
    private boolean reaped;
    private final byte[] buf = new byte[1 << 16];

    private InitProcess(int launcherPid, int ctl) {
        this.launcherPid = launcherPid;
        this.ctl = ctl;
    }

    /**
     * Starts hull-init and sends it the plan.
     *
     * @param preserveFds fds 3..3+n-1 of this process that the container inherits
     */
    public static InitProcess start(Path hullInit, Plan plan, int preserveFds) {
        return start(hullInit, plan, preserveFds, null);
    }

    /**
     * Starts hull-init through hull-monitor when {@code monitor} is given: the launcher
     * process is then the monitor's short-lived starter, and the container's init ends
     * up as the (detached) monitor's child.
     */
    public static InitProcess start(Path hullInit, Plan plan, int preserveFds, MonitorOptions monitor) {
        byte[] encoded = PlanEncoder.encode(plan);
        int[] pair = Libc.socketpairSeqpacket();
        int ours = pair[0];
        int theirs = pair[1];
        int pid;
        try {
            List<Integer> inherit = new ArrayList<>();
            inherit.add(theirs);
            for (int fd = 3; fd < 3 + preserveFds; fd++) {
                inherit.add(fd);
            }
            List<String> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add(k + "=" + v));
            SpawnRequest req = monitor == null
                    ? new SpawnRequest(hullInit.toString(), List.of("hull-init", Integer.toString(theirs)), env,
                            Map.of(), inherit)
                    : new SpawnRequest(monitor.binary().toString(), monitor.argv(hullInit, theirs), env, Map.of(),
                            inherit);
            pid = Libc.spawn(req);
        } catch (RuntimeException e) {
            Libc.closeQuietly(ours);
            throw new ContainerException("start " + hullInit + ": " + e.getMessage(), e);
        } finally {
            Libc.closeQuietly(theirs);
        }
        InitProcess p = new InitProcess(pid, ours);
        try {
            p.send(ControlCodec.planBegin(encoded.length));
            for (int off = 0; off < encoded.length; off += ControlCodec.MAX_CHUNK) {
                p.send(ControlCodec.planData(encoded, off, Math.min(ControlCodec.MAX_CHUNK, encoded.length - off)));
            }
        } catch (RuntimeException e) {
            // hull-init died before taking the plan; its ERROR (if any) is still readable
            InitMessage m = p.next();
            p.close();
            if (m instanceof InitMessage.Error err) {
                throw new ContainerException(err.message());
            }
            throw new ContainerException("send plan to hull-init: " + e.getMessage(), e);
        }
        return p;
    }

    public int launcherPid() {
        return launcherPid;
    }

    /** Blocks for the next message; {@link InitMessage.Closed} once nobody holds the other end. */
    public InitMessage next() {
        int n;
        try {
            n = Libc.recv(ctl, buf);
        } catch (dev.hull.sys.SyscallException e) {
            // if hull-init exits while our packets are unread, Linux reports ECONNRESET once
            // before the packets it did send (its ERROR); read again to get them
            if (e.errno() != ECONNRESET) {
                throw e;
            }
            n = Libc.recv(ctl, buf);
        }
        return ControlCodec.decode(buf, n);
    }

    private static final int ECONNRESET = 104;

    /** Lets a child waiting at a sync point go on; the state is what its hooks read on stdin. */
    public void sendContinue(String hookState) {
        send(ControlCodec.continueWith(hookState));
    }

    private void send(byte[] packet) {
        Libc.send(ctl, packet);
    }

    /** Waits for the launcher process to exit and returns its status. */
    public WaitStatus waitLauncher() {
        WaitStatus s = Libc.waitpid(launcherPid, 0);
        reaped = true;
        return s;
    }

    /** Closes the channel and reaps the launcher (killing it first if it still runs). */
    @Override
    public void close() {
        Libc.closeQuietly(ctl);
        if (!reaped) {
            WaitStatus s = Libc.waitpid(launcherPid, Libc.WNOHANG);
            if (s.pid() == 0) {
                try {
                    Libc.kill(launcherPid, 9);
                } catch (RuntimeException ignored) {
                    // it exited between the two calls
                }
                Libc.waitpid(launcherPid, 0);
            }
            reaped = true;
        }
    }
}

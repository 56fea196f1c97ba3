package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerKill;
import dev.hull.runtime.ContainerPause;
import dev.hull.sys.Signals;

import java.io.IOException;
import java.nio.file.Files;

/**
 * stop and kill. stop sends the stop signal, waits up to the timeout for the monitor
 * to record the exit, then SIGKILL. Both mark the container stopped by the user, so
 * its restart policy leaves it stopped (docker's "manually stopped").
 */
public final class StopContainer {

    private StopContainer() {
    }

    /** @param timeoutSeconds null: the container's --stop-timeout (docker: 10) */
    public static ContainerRow stop(EngineContext ctx, String ref, Integer timeoutSeconds) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (!running(row)) {
            if (row.state() == ContainerState.EXITED) {
                markStopped(ctx, row); // cancels a restart its policy has scheduled
            }
            return row;
        }
        ContainerDoc doc = ContainerDoc.fromJson(row.configJson());
        int timeout = timeoutSeconds != null ? timeoutSeconds : doc.stopTimeout();
        markStopped(ctx, row);
        if (timeout != 0) {
            signal(ctx, row, Signals.parse(doc.stopSignal()));
        }
        long waitMillis = timeout < 0 ? Long.MAX_VALUE / 2_000_000 : timeout * 1000L; // -1: wait for ever
        if (!ExitRecorder.awaitExit(ctx, row.id(), waitMillis)) {
            signal(ctx, row, Signals.SIGKILL);
            if (!ExitRecorder.awaitExit(ctx, row.id(), 30_000)) {
                throw new EngineException("stop " + row.name() + ": the container did not exit after SIGKILL");
            }
        }
        return ExitRecorder.refresh(ctx, ctx.db().containers().lookup(row.id()));
    }

    /** kill: sends {@code signal} (a name or number) to the container's init. */
    public static ContainerRow kill(EngineContext ctx, String ref, String signal) {
        int sig;
        try {
            sig = Signals.parse(signal);
        } catch (RuntimeException e) {
            throw new EngineException("invalid signal: " + signal);
        }
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (!running(row)) {
            throw new EngineException("cannot kill container: " + row.name() + ": container " + row.id()
                    + " is not running", 1);
        }
        if (sig == Signals.SIGKILL || sig == Signals.SIGTERM) {
            markStopped(ctx, row);
        }
        signal(ctx, row, sig);
        return row;
    }

    static boolean running(ContainerRow row) {
        return row.state() == ContainerState.RUNNING || row.state() == ContainerState.PAUSED;
    }

    private static void markStopped(EngineContext ctx, ContainerRow row) {
        try {
            Files.writeString(ctx.layout().stoppedMarker(row.id()), "");
        } catch (IOException e) {
            throw new EngineException("stop " + row.name() + ": " + e.getMessage(), e);
        }
    }

    /** A paused container is thawed after the signal, so that it can act on it (docker does the same). */
    private static void signal(EngineContext ctx, ContainerRow row, int sig) {
        try {
            ContainerKill.kill(ctx.runtime(), row.id(), sig, false);
            if (row.state() == ContainerState.PAUSED) {
                ContainerPause.resume(ctx.runtime(), row.id());
            }
        } catch (ContainerException e) {
            // it exited meanwhile: the monitor has recorded it or is about to
            if (ExitRecorder.recorded(ctx, row.id()).isEmpty() && ExitRecorder.monitorAlive(ctx, row.id())) {
                throw new EngineException(e.getMessage(), e);
            }
        }
    }
}

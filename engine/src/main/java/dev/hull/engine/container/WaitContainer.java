package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.NotFoundException;
import dev.hull.runtime.monitor.ExitRecord;

import java.util.Optional;

/** wait: blocks until the container exits and returns its exit code, as docker wait prints it. */
public final class WaitContainer {

    private WaitContainer() {
    }

    public static int await(EngineContext ctx, String ref) {
        ContainerRow row = ctx.db().containers().lookup(ref);
        String id = row.id();
        boolean sawRunning = false;
        while (true) {
            Optional<ExitRecord> exit = ExitRecorder.recorded(ctx, id);
            Optional<ContainerRow> now = ctx.db().containers().get(id);
            if (now.isEmpty()) {
                // removed (--rm) after exiting: the code is what the monitor recorded, if still readable
                if (exit.isPresent()) {
                    return exit.get().exitCode();
                }
                throw new NotFoundException("container", ref);
            }
            row = ExitRecorder.refresh(ctx, now.get());
            if (row.state() == ContainerState.EXITED && (sawRunning || row.status().exitCode() != null)) {
                return row.status().exitCode() == null ? 0 : row.status().exitCode();
            }
            sawRunning |= StopContainer.running(row);
            if (StopContainer.running(row) && exit.isEmpty() && !ExitRecorder.monitorAlive(ctx, id)) {
                throw new EngineException("wait " + row.name() + ": its monitor exited without recording the exit");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("wait interrupted");
            }
        }
    }
}

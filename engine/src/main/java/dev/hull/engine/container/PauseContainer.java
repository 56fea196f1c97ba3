package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.StateChange;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerPause;

/** pause and unpause: the freezer, then the row. docker's messages for the wrong state. */
public final class PauseContainer {

    private PauseContainer() {
    }

    public static ContainerRow pause(EngineContext ctx, String ref) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (row.state() == ContainerState.PAUSED) {
            throw new EngineException("container " + row.id() + " is already paused", 1);
        }
        if (row.state() != ContainerState.RUNNING) {
            throw new EngineException("container " + row.id() + " is not running", 1);
        }
        try {
            ContainerPause.pause(ctx.runtime(), row.id());
        } catch (ContainerException e) {
            throw new EngineException(e.getMessage(), 1);
        }
        return ctx.db().containers().transition(row.id(), ContainerState.RUNNING, StateChange.paused());
    }

    public static ContainerRow unpause(EngineContext ctx, String ref) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (row.state() != ContainerState.PAUSED) {
            throw new EngineException("container " + row.id() + " is not paused", 1);
        }
        try {
            ContainerPause.resume(ctx.runtime(), row.id());
        } catch (ContainerException e) {
            throw new EngineException(e.getMessage(), 1);
        }
        return ctx.db().containers().transition(row.id(), ContainerState.PAUSED, StateChange.unpaused());
    }
}

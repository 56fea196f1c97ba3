package dev.hull.cli.container;

import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;

/** Lookups the container commands share. */
final class Containers {

    private Containers() {
    }

    /** The init pid of a running container, for --pid/--ipc/--uts/--network container:NAME. */
    static int runningPid(EngineContext ctx, String ref) {
        ContainerRow row = ctx.db().containers().lookup(ref);
        if (row.state() != ContainerState.RUNNING && row.state() != ContainerState.PAUSED) {
            throw new EngineException("cannot join container " + ref + ": it is not running");
        }
        return row.status().init().pid();
    }
}

package dev.hull.engine.container;

import dev.hull.engine.db.ConflictException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.StateChange;
import dev.hull.sys.Signals;

/**
 * rm: a running container only with force (SIGKILL first). The row goes to removing,
 * then the runtime container, root filesystem and directories go, then the row; a
 * failure half-way leaves the row dead, which only removal can follow, as docker does.
 */
public final class RemoveContainer {

    private RemoveContainer() {
    }

    public static void remove(EngineContext ctx, String ref, boolean force) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (StopContainer.running(row)) {
            if (!force) {
                throw new EngineException("cannot remove container \"/" + row.name() + "\": container is running: "
                        + "stop the container before removing or force remove");
            }
            StopContainer.kill(ctx, row.id(), Integer.toString(Signals.SIGKILL));
            if (!ExitRecorder.awaitExit(ctx, row.id(), 30_000)) {
                throw new EngineException("remove " + row.name() + ": the container did not exit after SIGKILL");
            }
            row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(row.id()));
        }
        if (!java.nio.file.Files.isDirectory(ctx.layout().containerDir(row.id()))) {
            removeLocked(ctx, row); // a create or remove that died half-way: nothing left to lock
            return;
        }
        try (ContainerLock lock = ContainerLock.acquire(ctx.layout(), row.id())) {
            removeLocked(ctx, ctx.db().containers().lookup(row.id()));
        }
    }

    private static void removeLocked(EngineContext ctx, ContainerRow row) {
        if (StopContainer.running(row)) {
            throw new EngineException("cannot remove container \"/" + row.name() + "\": it was started again");
        }
        if (row.state() != ContainerState.REMOVING) {
            try {
                row = ctx.db().containers().transition(row.id(), row.state(), StateChange.removing());
            } catch (ConflictException e) {
                throw new EngineException("removal of container " + row.name() + " is already in progress");
            }
        }
        ContainerRow removing = row;
        try {
            release(ctx, removing);
        } catch (RuntimeException e) {
            Cleanup.quietly(() -> ctx.db().containers().transition(removing.id(), ContainerState.REMOVING,
                    StateChange.dead()));
            throw new EngineException("remove " + removing.name() + ": " + e.getMessage(), e);
        }
        ctx.db().containers().delete(removing.id());
    }

    /** Everything outside the database; safe to repeat on a partly removed container. */
    static void release(EngineContext ctx, ContainerRow row) {
        ExitRecorder.releaseRuntime(ctx, row);
        ctx.rootfs(ContainerDoc.fromJson(row.configJson())).remove(row.id());
        try {
            Cleanup.deleteTree(ctx.layout().monitorDir(row.id()));
            Cleanup.deleteTree(ctx.layout().containerDir(row.id()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

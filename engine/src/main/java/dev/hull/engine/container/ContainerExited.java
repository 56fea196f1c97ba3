package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;

import java.nio.file.Files;

/**
 * What happens when a container's process exits, run by its monitor's exit command
 * (`hull container cleanup ID`) while no other hull command may be running: the exit
 * is recorded, then --rm removes the container or its restart policy starts it again.
 */
public final class ContainerExited {

    private ContainerExited() {
    }

    public static void handle(EngineContext ctx, String id) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(id));
        if (row.state() != ContainerState.EXITED) {
            return; // restarted, or being removed, by another command
        }
        ContainerDoc doc = ContainerDoc.fromJson(row.configJson());
        if (doc.autoRemove()) {
            RemoveContainer.remove(ctx, id, false);
            return;
        }
        int code = row.status().exitCode() == null ? 0 : row.status().exitCode();
        int count = row.status().restartCount();
        if (!doc.restart().restarts(code, count, Files.exists(ctx.layout().stoppedMarker(id)))) {
            return;
        }
        // docker's back-off: 100 ms, doubling with each restart, at most a minute
        try {
            Thread.sleep(Math.min(60_000L, 100L << Math.min(count, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // a stop (or rm) during the back-off wins
        if (!Files.exists(ctx.layout().stoppedMarker(id))
                && ctx.db().containers().get(id).map(r -> r.state() == ContainerState.EXITED).orElse(false)) {
            StartContainer.start(ctx, id, m -> { }, true);
        }
    }
}

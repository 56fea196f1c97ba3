package dev.hull.engine.container;

import dev.hull.engine.db.ContainerIds;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.NewContainer;
import dev.hull.engine.db.StateChange;
import dev.hull.engine.spec.ContainerSpecBuilder;
import dev.hull.image.oci.ContainerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * create: a database row, the container's directory and its root filesystem; no
 * process yet (that is start). The row is in state creating until everything
 * exists, so a crash half-way is found and undone by the next command's repair; a
 * failure here undoes it at once.
 */
public final class CreateContainer {

    /** @param imageRef the image as named (empty with --rootfs); imageId its ID (empty with --rootfs) */
    public record Request(String name, String imageRef, String imageId, ContainerDoc doc, Map<String, String> labels) {
    }

    private CreateContainer() {
    }

    public static ContainerRow create(EngineContext ctx, Request req) {
        // refuse what can never start before anything is made (an empty command, a relative workdir)
        ContainerSpecBuilder.args(req.doc().options(), ctx.rootfs(req.doc()).imageConfig(req.doc()));
        String id = ContainerIds.random();
        ContainerRow row = ctx.db().containers().create(new NewContainer(id, req.name(), req.imageRef(),
                req.imageId(), req.doc().toJson(), req.labels(), ctx.layout().monitorDir(id).toString(), "", "[]"));
        try {
            Files.createDirectories(ctx.layout().containerDir(id));
            ctx.rootfs(req.doc()).prepare(id, req.doc());
            ctx.rootfs(req.doc()).release(id);
            return ctx.db().containers().transition(id, ContainerState.CREATING, StateChange.created());
        } catch (IOException | RuntimeException e) {
            Cleanup.quietly(() -> ctx.rootfs(req.doc()).remove(id));
            Cleanup.quietly(() -> Cleanup.deleteTree(ctx.layout().containerDir(id)));
            Cleanup.quietly(() -> ctx.db().containers().delete(row.id()));
            throw e instanceof RuntimeException re ? re : new EngineException("create container: " + e.getMessage(), e);
        }
    }
}

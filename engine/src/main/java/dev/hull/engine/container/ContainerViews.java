package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.spec.ContainerSpecBuilder;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.image.ref.Reference;

import java.util.List;

/** What listings and inspect show of a container, computed the same way for every command. */
public final class ContainerViews {

    private ContainerViews() {
    }

    /** The rows with every recorded exit applied, so a listing tells the truth. */
    public static List<ContainerRow> refreshed(EngineContext ctx, List<ContainerRow> rows) {
        return rows.stream().map(r -> ExitRecorder.refresh(ctx, r)).toList();
    }

    /** The one you would get by looking it up again after recording its exit. */
    public static ContainerRow refreshed(EngineContext ctx, ContainerRow row) {
        return ExitRecorder.refresh(ctx, row);
    }

    /** Entrypoint and Cmd, as `ps` shows them. */
    public static List<String> command(EngineContext ctx, ContainerDoc doc) {
        try {
            return ContainerSpecBuilder.args(doc.options(), ctx.rootfs(doc).imageConfig(doc));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The image in docker's short form (busybox, not docker.io/library/busybox:latest), or a --rootfs directory. */
    public static String image(ContainerRow row) {
        if (!row.imageRef().isEmpty()) {
            try {
                Reference r = Reference.parse(row.imageRef());
                return r.toString().endsWith(":latest") ? r.familiarName() : r.familiar();
            } catch (RuntimeException e) {
                return row.imageRef();
            }
        }
        String dir = ContainerDoc.fromJson(row.configJson()).rootfsDir();
        return dir == null ? "" : dir;
    }
}

package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.spec.ContainerSpecBuilder;
import dev.hull.image.oci.ContainerConfig;

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
    public static List<String> command(ContainerDoc doc) {
        try {
            return ContainerSpecBuilder.args(doc.options(), ContainerConfig.EMPTY);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The image as named, or the directory of a --rootfs container. */
    public static String image(ContainerRow row) {
        if (!row.imageRef().isEmpty()) {
            return row.imageRef();
        }
        String dir = ContainerDoc.fromJson(row.configJson()).rootfsDir();
        return dir == null ? "" : dir;
    }
}

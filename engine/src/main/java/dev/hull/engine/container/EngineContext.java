package dev.hull.engine.container;

import dev.hull.engine.db.MetadataStore;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.monitor.MonitorOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * What every container operation needs: the database, the layout on disk, the
 * runtime library (in-process), where root filesystems come from, and the command
 * each container's monitor runs when the container exits (hull's cleanup, which
 * records the exit and applies --rm and restart policies while no hull command runs).
 *
 * @param exitCommand the cleanup command without the container ID, or empty: then the
 *                    exit is recorded by the next engine command that looks
 */
public record EngineContext(MetadataStore db, EngineLayout layout, RuntimeContext runtime, RootfsSource images,
                            List<String> exitCommand) {

    public EngineContext {
        exitCommand = List.copyOf(exitCommand);
    }

    Path monitorBinary() {
        return MonitorOptions.locate(runtime.hullInit());
    }

    RootfsSource rootfs(ContainerDoc doc) {
        return doc.rootfsDir() != null ? RootfsSource.DIRECTORY : images;
    }
}

package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.MetadataStore;
import dev.hull.engine.db.RepairHooks;
import dev.hull.engine.db.StoreOptions;
import dev.hull.runtime.RuntimeContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens the engine on a layout: the database (whose repair at open uses the
 * monitors' exit records and this engine's removal), the runtime library, the
 * root filesystem source.
 */
public final class EngineOpener {

    private EngineOpener() {
    }

    public static EngineContext open(EngineLayout layout, RootfsSource images, List<String> exitCommand) {
        try {
            Files.createDirectories(layout.root());
            Files.createDirectories(layout.run());
        } catch (IOException e) {
            throw new EngineException("cannot create " + layout.root() + " or " + layout.run() + ": " + e.getMessage());
        }
        AtomicReference<EngineContext> self = new AtomicReference<>();
        RepairHooks hooks = new RepairHooks() {
            @Override
            public OptionalInt recordedExitCode(ContainerRow row) {
                return ExitRecorder.recorded(self.get(), row.id()).map(e -> OptionalInt.of(e.exitCode()))
                        .orElse(OptionalInt.empty());
            }

            @Override
            public void release(ContainerRow row) {
                RemoveContainer.release(self.get(), row);
            }
        };
        // the repair at open runs before the context exists: give it one without a database
        EngineContext bare = new EngineContext(null, layout, RuntimeContext.of(layout.runtimeRoot(), false), images,
                exitCommand);
        self.set(bare);
        MetadataStore db = MetadataStore.open(StoreOptions.inRoot(layout.root()).withHooks(hooks));
        EngineContext ctx = new EngineContext(db, layout, bare.runtime(), images, exitCommand);
        self.set(ctx);
        return ctx;
    }
}

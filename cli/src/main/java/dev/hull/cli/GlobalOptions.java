package dev.hull.cli;

import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineLayout;
import dev.hull.engine.container.EngineOpener;
import dev.hull.engine.container.ImageRootfs;
import dev.hull.image.ImageStorage;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** --root and --run-root, and the engine they open (once per command). */
public final class GlobalOptions {

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where hull keeps containers and images (default: $HULL_ROOT or /var/lib/hull).")
    Path root;

    @Option(names = "--run-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where hull keeps what a reboot clears (default: $HULL_RUN or /run/hull).")
    Path runRoot;

    private EngineContext engine;
    private ImageStorage images;

    public Path root() {
        if (root != null) {
            return root.toAbsolutePath();
        }
        String env = System.getenv("HULL_ROOT");
        return env != null && !env.isEmpty() ? Path.of(env).toAbsolutePath() : Path.of("/var/lib/hull");
    }

    public Path runRoot() {
        if (runRoot != null) {
            return runRoot.toAbsolutePath();
        }
        String env = System.getenv("HULL_RUN");
        return env != null && !env.isEmpty() ? Path.of(env).toAbsolutePath() : EngineLayout.DEFAULT_RUN;
    }

    /** The image stores under ROOT/image. */
    public synchronized ImageStorage images() {
        if (images == null) {
            images = ImageStorage.open(root().resolve("image"));
        }
        return images;
    }

    /** The engine, opened on first use: the database is repaired then, before the command looks at it. */
    public synchronized EngineContext engine() {
        if (engine == null) {
            EngineLayout layout = new EngineLayout(root(), runRoot());
            engine = EngineOpener.open(layout, new ImageRootfs(images(), layout), exitCommand());
        }
        return engine;
    }

    /**
     * What each container's monitor runs when the container exits: this hull, on the
     * same roots. Only when hull runs from its launcher (bin/hull sets hull.home).
     */
    private List<String> exitCommand() {
        String home = System.getProperty("hull.home");
        if (home == null) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(home, "bin", "hull").toString(), "--root",
                root().toString(), "--run-root", runRoot().toString(), "container", "cleanup"));
        return cmd;
    }
}

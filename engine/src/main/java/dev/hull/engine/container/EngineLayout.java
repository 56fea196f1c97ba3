package dev.hull.engine.container;

import java.nio.file.Path;

/**
 * Where the engine keeps things. Under {@code root} (default /var/lib/hull), what must
 * survive a reboot: the metadata database, each container's directory (its runtime
 * configuration, /etc files and json-file log). Under {@code run} (default /run/hull,
 * a tmpfs), what must not: the runtime's state and each container's monitor
 * directory, whose short path keeps the monitor's socket paths within the 107
 * bytes a unix socket address holds.
 */
public record EngineLayout(Path root, Path run) {

    public static final Path DEFAULT_RUN = Path.of("/run/hull");

    public Path containerDir(String id) {
        return root.resolve("containers").resolve(id);
    }

    public Path bundleDir(String id) {
        return containerDir(id).resolve("bundle");
    }

    /** docker's name for the json-file log. */
    public Path logFile(String id) {
        return containerDir(id).resolve(id + "-json.log");
    }

    public Path monitorDir(String id) {
        return run.resolve(id);
    }

    public Path runtimeRoot() {
        return run.resolve("runtime");
    }

    /** Present when the user stopped the container: restart policies then leave it stopped. */
    public Path stoppedMarker(String id) {
        return containerDir(id).resolve("stopped-by-user");
    }
}

package dev.hull.engine.db;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How to open a {@link MetadataStore}.
 *
 * @param file           the SQLite file (its directory is created)
 * @param busyTimeout    how long a command waits for another hull process's write
 *                       transaction before it gives up
 * @param transientGrace how long a container may stay creating or removing before
 *                       repair treats it as abandoned even though its owner lives
 *                       (a long-running daemon whose create failed without cleanup)
 * @param self           the process recorded as owner of the changes made through the store
 */
public record StoreOptions(Path file, Duration busyTimeout, Duration transientGrace, InstantSource clock,
                           ProcessIdentity self, RepairHooks hooks) {

    /** Where hull keeps its state unless told otherwise. */
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/hull");
    public static final String FILE_NAME = "metadata.db";

    public StoreOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(transientGrace, "transientGrace");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(hooks, "hooks");
    }

    /** Defaults for the database in {@code root} (for example {@link #DEFAULT_ROOT}). */
    public static StoreOptions inRoot(Path root) {
        return new StoreOptions(root.resolve(FILE_NAME), Duration.ofSeconds(30), Duration.ofMinutes(10),
                InstantSource.system(), ProcessIdentity.current(), RepairHooks.METADATA_ONLY);
    }

    public StoreOptions withClock(InstantSource c) {
        return new StoreOptions(file, busyTimeout, transientGrace, c, self, hooks);
    }

    public StoreOptions withSelf(ProcessIdentity s) {
        return new StoreOptions(file, busyTimeout, transientGrace, clock, s, hooks);
    }

    public StoreOptions withHooks(RepairHooks h) {
        return new StoreOptions(file, busyTimeout, transientGrace, clock, self, h);
    }

    public StoreOptions withTransientGrace(Duration g) {
        return new StoreOptions(file, busyTimeout, g, clock, self, hooks);
    }

    public StoreOptions withBusyTimeout(Duration t) {
        return new StoreOptions(file, t, transientGrace, clock, self, hooks);
    }
}

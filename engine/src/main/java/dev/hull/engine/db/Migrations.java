package dev.hull.engine.db;

import java.util.List;

/**
 * The schema, as the list of steps that build it. A released step is never edited:
 * a change to the schema is a new step at the end, so every database, however old,
 * reaches the same schema by applying the steps it lacks.
 *
 * <p>Times are INTEGER nanoseconds since the epoch (docker reports nanoseconds in
 * events and they sort as numbers). JSON columns are checked with json_valid so that a
 * bug cannot store a document that every later read would fail on.
 */
final class Migrations {

    private Migrations() {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "containers and their labels", List.of("""
                    CREATE TABLE containers (
                        id TEXT PRIMARY KEY NOT NULL
                            CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
                        name TEXT NOT NULL UNIQUE,
                        image_ref TEXT NOT NULL,
                        image_id TEXT NOT NULL,
                        created_ns INTEGER NOT NULL,
                        config TEXT NOT NULL CHECK (json_valid(config)),
                        state TEXT NOT NULL CHECK (state IN
                            ('creating', 'created', 'running', 'paused', 'exited', 'dead', 'removing')),
                        state_changed_ns INTEGER NOT NULL,
                        owner_pid INTEGER NOT NULL DEFAULT 0,
                        owner_start_ticks INTEGER NOT NULL DEFAULT 0,
                        pid INTEGER NOT NULL DEFAULT 0,
                        pid_start_ticks INTEGER NOT NULL DEFAULT 0,
                        exit_code INTEGER,
                        started_ns INTEGER,
                        finished_ns INTEGER,
                        restart_count INTEGER NOT NULL DEFAULT 0,
                        state_dir TEXT NOT NULL DEFAULT '',
                        rootfs TEXT NOT NULL DEFAULT '',
                        mounts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mounts))
                    )""",
                    "CREATE INDEX containers_state ON containers (state)",
                    """
                    CREATE TABLE container_labels (
                        container_id TEXT NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (container_id, key)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX container_labels_key ON container_labels (key, value)")),
            new Migration(2, "volumes", List.of("""
                    CREATE TABLE volumes (
                        name TEXT PRIMARY KEY NOT NULL,
                        driver TEXT NOT NULL,
                        mountpoint TEXT NOT NULL,
                        labels TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(labels)),
                        options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
                        created_ns INTEGER NOT NULL
                    )""")),
            new Migration(3, "events log", List.of("""
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        time_ns INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        action TEXT NOT NULL,
                        actor_id TEXT NOT NULL,
                        attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes))
                    )""",
                    "CREATE INDEX events_time ON events (time_ns)")));

    static int latest() {
        return ALL.getLast().version();
    }
}

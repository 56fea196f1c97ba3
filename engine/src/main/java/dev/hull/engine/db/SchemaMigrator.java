package dev.hull.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;

/**
 * Brings a database to a schema version by applying the missing {@link Migration}s,
 * all in one write transaction: two hull processes opening a new database at once
 * cannot both apply a step (the second waits, then finds the work done), and a crash
 * half-way leaves the database at its old version, not between two.
 *
 * <p>{@code schema_version} keeps one row per applied step, so the file tells which
 * hull versions touched it and when.
 */
final class SchemaMigrator {

    private final List<Migration> migrations;
    private final InstantSource clock;

    SchemaMigrator(List<Migration> migrations, InstantSource clock) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, ... in order");
            }
        }
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    /** Applies the steps up to {@code target}; returns the version the database is at afterwards. */
    int migrate(Database db, int target) {
        // the usual open finds the schema current: a read says so without queueing for
        // the write lock behind another command
        int seen = db.read(SchemaMigrator::versionIfAny);
        if (seen >= Math.min(target, migrations.size()) && seen <= migrations.size()) {
            return seen;
        }
        return db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                            version INTEGER PRIMARY KEY NOT NULL,
                            applied_ns INTEGER NOT NULL,
                            description TEXT NOT NULL
                        )""");
            }
            int current = currentVersion(c);
            int known = migrations.size();
            if (current > known) {
                throw new MetadataException("the metadata database " + db.file() + " has schema version " + current
                        + ", newer than this hull knows (" + known + "); use a newer hull");
            }
            for (Migration m : migrations.subList(current, Math.min(target, known))) {
                apply(c, m);
            }
            return currentVersion(c);
        });
    }

    private void apply(Connection c, Migration m) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : m.statements()) {
                s.execute(sql);
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_version (version, applied_ns, description) VALUES (?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setLong(2, Times.toNanos(clock.instant()));
            p.setString(3, m.description());
            p.executeUpdate();
        }
    }

    /** The version, or 0 for a file without a schema_version table (a new database). */
    private static int versionIfAny(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            r.next();
            if (r.getInt(1) == 0) {
                return 0;
            }
        }
        return currentVersion(c);
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }
}

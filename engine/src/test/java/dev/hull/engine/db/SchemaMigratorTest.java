package dev.hull.engine.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigratorTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("metadata.db");
    }

    @Test
    void newDatabaseReachesTheLatestVersionWithOneHistoryRowPerStep() {
        try (MetadataStore store = MetadataStore.open(StoreOptions.inRoot(dir))) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        }
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            List<String> history = db.read(c -> strings(c, "SELECT version || ' ' || description FROM schema_version"
                    + " ORDER BY version"));
            assertThat(history).containsExactly("1 containers and their labels", "2 volumes", "3 events log");
        }
    }

    @Test
    void databaseAtAnOldVersionIsMigratedAndKeepsItsRows() {
        String id = Ids.of("ab", '1');
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            int v = new SchemaMigrator(Migrations.ALL, InstantSource.system()).migrate(db, 1);
            assertThat(v).isEqualTo(1);
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO containers (id, name, image_ref, image_id, created_ns, config, state,"
                            + " state_changed_ns, exit_code) VALUES ('" + id + "', 'old', 'docker.io/library/busybox:latest',"
                            + " 'sha256:00', 1000, '{}', 'exited', 1000, 3)");
                }
                return null;
            });
            assertThat(query(db, "SELECT name FROM sqlite_master WHERE name IN ('volumes', 'events')"))
                    .isEmpty();
        }
        try (MetadataStore store = MetadataStore.open(StoreOptions.inRoot(dir))) {
            assertThat(store.schemaVersion()).isEqualTo(3);
            ContainerRow row = store.containers().get(id).orElseThrow();
            assertThat(row.name()).isEqualTo("old");
            assertThat(row.state()).isEqualTo(ContainerState.EXITED);
            assertThat(row.status().exitCode()).isEqualTo(3);
            assertThat(store.volumes().list(VolumeFilter.all())).isEmpty();
            assertThat(store.events().lastSeq()).isZero();
        }
    }

    @Test
    void databaseFromANewerHullIsRefused() {
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            new SchemaMigrator(Migrations.ALL, InstantSource.system()).migrate(db, 3);
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO schema_version VALUES (4, 0, 'from the future')");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> MetadataStore.open(StoreOptions.inRoot(dir)))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("has schema version 4, newer than this hull knows (3)");
    }

    @Test
    void failingStepLeavesTheDatabaseAtItsOldVersion() {
        List<Migration> broken = new ArrayList<>(Migrations.ALL.subList(0, 1));
        broken.add(new Migration(2, "broken", List.of("CREATE TABLE half (x INTEGER)", "CREATE TABLE (")));
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            SchemaMigrator migrator = new SchemaMigrator(broken, InstantSource.system());
            assertThat(migrator.migrate(db, 1)).isEqualTo(1);
            assertThatThrownBy(() -> migrator.migrate(db, 2)).isInstanceOf(MetadataException.class);
            assertThat(db.read(SchemaMigrator::currentVersion)).isEqualTo(1);
            assertThat(query(db, "SELECT name FROM sqlite_master WHERE name = 'half'")).isEmpty();
        }
    }

    @Test
    void stepsMustBeNumberedFromOneWithoutGaps() {
        List<Migration> gap = List.of(Migrations.ALL.get(0), Migrations.ALL.get(2));
        assertThatThrownBy(() -> new SchemaMigrator(gap, InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionUsesWriteAheadLogAndForeignKeys() {
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            assertThat(query(db, "PRAGMA journal_mode")).containsExactly("wal");
            assertThat(query(db, "PRAGMA foreign_keys")).containsExactly("1");
            assertThat(query(db, "PRAGMA busy_timeout")).containsExactly("5000");
        }
    }

    @Test
    void checkConstraintsRejectMalformedRows() {
        MetadataStore.open(StoreOptions.inRoot(dir)).close();
        try (Database db = Database.open(file(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO containers (id, name, image_ref, image_id, created_ns, config, state,"
                            + " state_changed_ns) VALUES ('" + Ids.of("a", '0') + "', 'x1', 'r', 'i', 0, '{}',"
                            + " 'sleeping', 0)");
                }
                return null;
            })).isInstanceOf(MetadataException.class).hasMessageContaining("CHECK constraint failed");
        }
    }

    private static List<String> query(Database db, String sql) {
        return db.read(c -> strings(c, sql));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}

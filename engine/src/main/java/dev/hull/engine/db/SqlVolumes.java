package dev.hull.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Volumes} over the {@code volumes} table. */
final class SqlVolumes implements Volumes {

    private final Database db;

    SqlVolumes(Database db) {
        this.db = db;
    }

    @Override
    public VolumeRow create(VolumeRow v) {
        // volume names follow the same rule as container names in docker
        if (!ContainerNames.isValid(v.name()) || v.name().startsWith("/")) {
            throw new InvalidArgumentException("create " + v.name() + ": \"" + v.name()
                    + "\" includes invalid characters for a local volume name, only "
                    + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed");
        }
        return db.write(c -> {
            Optional<VolumeRow> existing = find(c, v.name());
            if (existing.isPresent()) {
                if (!existing.get().driver().equals(v.driver())) {
                    throw new ConflictException("volume " + v.name() + " already exists with driver "
                            + existing.get().driver() + ", not " + v.driver());
                }
                return existing.get();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO volumes (name, driver, mountpoint, labels, options, created_ns)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                p.setString(1, v.name());
                p.setString(2, v.driver());
                p.setString(3, v.mountpoint());
                p.setString(4, JsonColumns.ofMap(v.labels()));
                p.setString(5, JsonColumns.ofMap(v.options()));
                p.setLong(6, Times.toNanos(v.created()));
                p.executeUpdate();
            }
            return find(c, v.name()).orElseThrow();
        });
    }

    @Override
    public Optional<VolumeRow> get(String name) {
        return db.read(c -> find(c, name));
    }

    @Override
    public VolumeRow require(String name) {
        return get(name).orElseThrow(() -> new NotFoundException("volume", name));
    }

    @Override
    public List<VolumeRow> list(VolumeFilter filter) {
        return db.read(c -> {
            List<VolumeRow> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM volumes ORDER BY name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    VolumeRow v = read(r);
                    if (filter.matches(v)) {
                        rows.add(v);
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public boolean delete(String name) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static Optional<VolumeRow> find(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM volumes WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static VolumeRow read(ResultSet r) throws SQLException {
        return new VolumeRow(r.getString("name"), r.getString("driver"), r.getString("mountpoint"),
                JsonColumns.toMap(r.getString("labels")), JsonColumns.toMap(r.getString("options")),
                Times.get(r, "created_ns"));
    }
}

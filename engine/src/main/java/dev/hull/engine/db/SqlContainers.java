package dev.hull.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Containers} over the {@code containers} and {@code container_labels} tables. */
final class SqlContainers implements Containers {

    private final Database db;
    private final InstantSource clock;
    private final ProcessIdentity self;
    private final NameGenerator names;

    SqlContainers(Database db, InstantSource clock, ProcessIdentity self, NameGenerator names) {
        this.db = db;
        this.clock = clock;
        this.self = self;
        this.names = names;
    }

    @Override
    public ContainerRow create(NewContainer n) {
        if (!ContainerIds.isFull(n.id())) {
            throw new InvalidArgumentException("invalid container ID '" + n.id() + "': want 64 lower-case hex digits");
        }
        JsonColumns.require(n.configJson(), true, "container config");
        JsonColumns.require(n.mountsJson(), false, "container mounts");
        String requested = n.name() == null ? null : ContainerNames.normalize(n.name());
        return db.write(c -> {
            // the write transaction holds SQLite's write lock: no other process can take
            // the name between this check and the insert
            String name = requested != null ? requested : names.generate(candidate -> isTaken(c, candidate));
            String holder = holderOf(c, name);
            if (holder != null) {
                throw ContainerNames.inUse(name, holder);
            }
            if (find(c, n.id()).isPresent()) {
                throw new ConflictException("a container with ID " + n.id() + " already exists");
            }
            long now = Times.toNanos(clock.instant());
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO containers (id, name, image_ref, image_id, created_ns, config, state,
                        state_changed_ns, owner_pid, owner_start_ticks, state_dir, rootfs, mounts)
                    VALUES (?, ?, ?, ?, ?, ?, 'creating', ?, ?, ?, ?, ?, ?)""")) {
                p.setString(1, n.id());
                p.setString(2, name);
                p.setString(3, n.imageRef());
                p.setString(4, n.imageId());
                p.setLong(5, now);
                p.setString(6, n.configJson());
                p.setLong(7, now);
                p.setInt(8, self.pid());
                p.setLong(9, self.startTicks());
                p.setString(10, n.stateDir());
                p.setString(11, n.rootfs());
                p.setString(12, n.mountsJson());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO container_labels (container_id, key, value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> l : n.labels().entrySet()) {
                    p.setString(1, n.id());
                    p.setString(2, l.getKey());
                    p.setString(3, l.getValue());
                    p.executeUpdate();
                }
            }
            return find(c, n.id()).orElseThrow();
        });
    }

    @Override
    public Optional<ContainerRow> get(String id) {
        return db.read(c -> find(c, id));
    }

    @Override
    public Optional<ContainerRow> byName(String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        return db.read(c -> {
            String id = holderOf(c, bare);
            return id == null ? Optional.empty() : find(c, id);
        });
    }

    @Override
    public ContainerRow lookup(String s) {
        if (s.isEmpty()) {
            throw new InvalidArgumentException("No container name or ID supplied");
        }
        return db.read(c -> {
            // docker's order: an exact ID wins over a name, and a name over an ID prefix,
            // so a container named like the start of another's ID stays reachable by name
            if (ContainerIds.isFull(s)) {
                Optional<ContainerRow> byId = find(c, s);
                if (byId.isPresent()) {
                    return byId.get();
                }
            }
            String named = holderOf(c, s.startsWith("/") ? s.substring(1) : s);
            if (named != null) {
                return find(c, named).orElseThrow();
            }
            if (ContainerIds.isPrefix(s)) {
                List<String> ids = new ArrayList<>();
                // hex digits only, so the GLOB pattern holds no wildcard but the final '*'
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM containers WHERE id GLOB ? LIMIT 2")) {
                    p.setString(1, s + "*");
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            ids.add(r.getString(1));
                        }
                    }
                }
                if (ids.size() > 1) {
                    throw new InvalidArgumentException("multiple IDs found with provided prefix: " + s);
                }
                if (ids.size() == 1) {
                    return find(c, ids.getFirst()).orElseThrow();
                }
            }
            throw new NotFoundException("container", s);
        });
    }

    @Override
    public List<ContainerRow> list(ContainerFilter f) {
        ContainerQuery q = ContainerQuery.of(f);
        return db.read(c -> {
            List<ContainerRow> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(q.sql())) {
                q.bind(p);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ContainerRow row = read(c, r);
                        if (f.matchesPatterns(row)) {
                            rows.add(row);
                        }
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public ContainerRow rename(String id, String newName) {
        String name = ContainerNames.normalize(newName);
        return db.write(c -> {
            ContainerRow row = find(c, id).orElseThrow(() -> new NotFoundException("container", id));
            if (row.name().equals(name)) {
                throw new ConflictException("Renaming a container with the same name as its current name");
            }
            String holder = holderOf(c, name);
            if (holder != null) {
                throw new ConflictException("Error when allocating new name: "
                        + ContainerNames.inUse(name, holder).getMessage());
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE containers SET name = ? WHERE id = ?")) {
                p.setString(1, name);
                p.setString(2, id);
                p.executeUpdate();
            }
            return find(c, id).orElseThrow();
        });
    }

    @Override
    public ContainerRow transition(String id, ContainerState expected, StateChange ch) {
        if (!expected.canMoveTo(ch.to())) {
            throw new IllegalArgumentException("a container cannot go from " + expected.word() + " to "
                    + ch.to().word());
        }
        return db.write(c -> {
            int updated;
            try (PreparedStatement p = c.prepareStatement("""
                    UPDATE containers SET state = ?, state_changed_ns = ?, owner_pid = ?, owner_start_ticks = ?,
                        pid = coalesce(?, pid), pid_start_ticks = coalesce(?, pid_start_ticks),
                        exit_code = coalesce(?, exit_code), started_ns = coalesce(?, started_ns),
                        finished_ns = coalesce(?, finished_ns), restart_count = restart_count + ?
                    WHERE id = ? AND state = ?""")) {
                p.setString(1, ch.to().word());
                p.setLong(2, Times.toNanos(clock.instant()));
                p.setInt(3, self.pid());
                p.setLong(4, self.startTicks());
                p.setObject(5, ch.init() == null ? null : ch.init().pid());
                p.setObject(6, ch.init() == null ? null : ch.init().startTicks());
                p.setObject(7, ch.exitCode());
                Times.set(p, 8, ch.startedAt());
                Times.set(p, 9, ch.finishedAt());
                p.setInt(10, ch.countRestart() ? 1 : 0);
                p.setString(11, id);
                p.setString(12, expected.word());
                updated = p.executeUpdate();
            }
            ContainerRow row = find(c, id).orElseThrow(() -> new NotFoundException("container", id));
            if (updated == 0) {
                throw new ConflictException("container " + id + " is " + row.state().word() + ", not "
                        + expected.word() + ": another command changed it first");
            }
            return row;
        });
    }

    @Override
    public boolean delete(String id) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM containers WHERE id = ?")) {
                p.setString(1, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    private boolean isTaken(Connection c, String name) {
        try {
            return holderOf(c, name) != null;
        } catch (SQLException e) {
            throw db.failure("look up a name", e);
        }
    }

    private static String holderOf(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM containers WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static Optional<ContainerRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM containers WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(read(c, r)) : Optional.empty();
            }
        }
    }

    static ContainerRow read(Connection c, ResultSet r) throws SQLException {
        String id = r.getString("id");
        int exit = r.getInt("exit_code");
        Integer exitCode = r.wasNull() ? null : exit;
        ContainerStatus status = new ContainerStatus(ContainerState.ofWord(r.getString("state")),
                new ProcessIdentity(r.getInt("pid"), r.getLong("pid_start_ticks")), exitCode,
                Times.get(r, "started_ns"), Times.get(r, "finished_ns"), r.getInt("restart_count"),
                Times.get(r, "state_changed_ns"),
                new ProcessIdentity(r.getInt("owner_pid"), r.getLong("owner_start_ticks")));
        return new ContainerRow(id, r.getString("name"), r.getString("image_ref"), r.getString("image_id"),
                Times.get(r, "created_ns"), r.getString("config"), labels(c, id), r.getString("state_dir"),
                r.getString("rootfs"), r.getString("mounts"), status);
    }

    private static Map<String, String> labels(Connection c, String id) throws SQLException {
        Map<String, String> labels = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT key, value FROM container_labels WHERE container_id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    labels.put(r.getString(1), r.getString(2));
                }
            }
        }
        return labels;
    }
}

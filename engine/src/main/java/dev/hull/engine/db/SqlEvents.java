package dev.hull.engine.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** {@link Events} over the {@code events} table. */
final class SqlEvents implements Events {

    private final Database db;

    SqlEvents(Database db) {
        this.db = db;
    }

    @Override
    public EventRow append(EventRow e) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO events (time_ns, type, action, actor_id, attributes) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, Times.toNanos(e.time()));
                p.setString(2, e.type());
                p.setString(3, e.action());
                p.setString(4, e.actorId());
                p.setString(5, JsonColumns.ofMap(e.attributes()));
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return new EventRow(keys.getLong(1), e.time(), e.type(), e.action(), e.actorId(),
                            e.attributes());
                }
            }
        });
    }

    @Override
    public List<EventRow> list(EventFilter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM events WHERE seq > ?");
        List<Object> params = new ArrayList<>();
        params.add(f.afterSeq());
        if (f.since() != null) {
            sql.append(" AND time_ns >= ?");
            params.add(Times.toNanos(f.since()));
        }
        if (f.until() != null) {
            sql.append(" AND time_ns <= ?");
            params.add(Times.toNanos(f.until()));
        }
        in(sql, params, "type", f.types());
        in(sql, params, "action", f.actions());
        in(sql, params, "actor_id", f.actorIds());
        sql.append(" ORDER BY seq LIMIT ?");
        params.add(limit);
        return db.read(c -> {
            List<EventRow> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    p.setObject(i + 1, params.get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.add(new EventRow(r.getLong("seq"), Times.get(r, "time_ns"), r.getString("type"),
                                r.getString("action"), r.getString("actor_id"),
                                JsonColumns.toMap(r.getString("attributes"))));
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public long lastSeq() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE time_ns < ?")) {
                p.setLong(1, Times.toNanos(cutoff));
                return p.executeUpdate();
            }
        });
    }

    private static void in(StringBuilder sql, List<Object> params, String column, Set<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(")");
            params.addAll(values);
        }
    }
}

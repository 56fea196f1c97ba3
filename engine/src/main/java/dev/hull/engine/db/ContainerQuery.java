package dev.hull.engine.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SELECT for the parts of a {@link ContainerFilter} that SQL answers (state, labels,
 * ancestor, exit code). Values are always bound as parameters, never pasted into the text.
 */
record ContainerQuery(String sql, List<Object> params) {

    static ContainerQuery of(ContainerFilter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM containers c WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!f.states().isEmpty()) {
            sql.append(" AND c.state IN ").append(placeholders(f.states().size()));
            f.states().forEach(s -> params.add(s.word()));
        }
        for (LabelMatch l : f.labels()) {
            sql.append(" AND EXISTS (SELECT 1 FROM container_labels l WHERE l.container_id = c.id AND l.key = ?");
            params.add(l.key());
            if (l.value() != null) {
                sql.append(" AND l.value = ?");
                params.add(l.value());
            }
            sql.append(")");
        }
        if (!f.ancestors().isEmpty()) {
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            for (String a : f.ancestors()) {
                any.add("c.image_ref = ? OR c.image_id = ? OR c.image_id GLOB ?");
                params.add(a);
                params.add(a);
                params.add(imageIdGlob(a));
            }
            sql.append(any);
        }
        if (!f.exitCodes().isEmpty()) {
            sql.append(" AND c.state = 'exited' AND c.exit_code IN ").append(placeholders(f.exitCodes().size()));
            params.addAll(f.exitCodes());
        }
        sql.append(" ORDER BY c.created_ns DESC, c.id");
        return new ContainerQuery(sql.toString(), params);
    }

    void bind(PreparedStatement p) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            p.setObject(i + 1, params.get(i));
        }
    }

    /** A pattern for image IDs beginning with the hex digits of {@code a}, or one that matches nothing. */
    private static String imageIdGlob(String a) {
        String hex = a.startsWith("sha256:") ? a.substring(7) : a;
        // only hex digits go into the pattern, so it holds no wildcard but the final '*'
        return ContainerIds.isPrefix(hex) ? "sha256:" + hex + "*" : "";
    }

    private static String placeholders(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }
}

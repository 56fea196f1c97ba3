package dev.hull.engine.db;

import java.util.Map;

/** A {@code label=key} or {@code label=key=value} filter term: the key must be present, with that value if given. */
public record LabelMatch(String key, String value) {

    public static LabelMatch parse(String term) {
        int eq = term.indexOf('=');
        return eq < 0 ? new LabelMatch(term, null) : new LabelMatch(term.substring(0, eq), term.substring(eq + 1));
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return v != null && (value == null || value.equals(v));
    }
}

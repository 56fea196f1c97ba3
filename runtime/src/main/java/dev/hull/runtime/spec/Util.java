package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-to-empty, order-keeping immutable copies for the records of this package. */
final class Util {

    private Util() {
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    static <V> Map<String, V> map(Map<String, V> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, V> e : m.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NullPointerException("map entry with a null key or value");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** JSON null and missing are the same: absent. */
    static JsonNode node(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.deepCopy();
    }
}

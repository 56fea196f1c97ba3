package dev.hull.image.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fields of a JSON object that hull does not model (Docker's {@code container_config},
 * {@code Healthcheck}, fields added by future spec versions...). They are held as
 * JSON text, which keeps the value immutable, and written back unchanged, so
 * reading and rewriting a config never loses what another tool put there.
 */
public record UnknownFields(Map<String, String> json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final UnknownFields NONE = new UnknownFields(Map.of());

    public UnknownFields {
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
        // fail on construction rather than when the value is written out much later
        json.values().forEach(UnknownFields::parse);
    }

    static UnknownFields of(ObjectNode node, Set<String> known) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue().toString());
            }
        }
        return m.isEmpty() ? NONE : new UnknownFields(m);
    }

    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** A fresh copy of one field's value, or null when absent. */
    public JsonNode get(String field) {
        String s = json.get(field);
        return s == null ? null : parse(s);
    }

    void writeTo(ObjectNode target) {
        json.forEach((k, v) -> {
            if (!target.has(k)) {
                target.set(k, parse(v));
            }
        });
    }

    private static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unknown field holds invalid JSON: " + s, e);
        }
    }
}

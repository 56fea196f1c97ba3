package dev.hull.engine.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** JSON text in columns: string maps (labels, options, event attributes) and checked documents. */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String ofMap(Map<String, String> map) {
        try {
            // sorted, so equal maps are stored as equal text
            return MAPPER.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static Map<String, String> toMap(String json) {
        try {
            return Map.copyOf(MAPPER.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new MetadataException("a JSON column holds something that is not a map of strings: " + json, e);
        }
    }

    /** Fails unless {@code json} is a document of the given kind ("object" or "array"). */
    static String require(String json, boolean object, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || (object ? !node.isObject() : !node.isArray())) {
            throw new InvalidArgumentException(what + " must be a JSON " + (object ? "object" : "array"));
        }
        return json;
    }
}

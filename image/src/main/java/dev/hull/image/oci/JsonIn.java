package dev.hull.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads from one JSON object, each error naming the document and the path
 * of the field ({@code manifest: layers[0].size: ...}), so a bad registry
 * response can be understood from one line. Absent and null fields read as null
 * (or empty for collections) because Go encoders write both for "unset".
 */
final class JsonIn {

    private final String doc;
    private final String path;
    private final ObjectNode node;

    private JsonIn(String doc, String path, ObjectNode node) {
        this.doc = doc;
        this.path = path;
        this.node = node;
    }

    static JsonIn root(String doc, JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw new ImageFormatException(doc + ": expected a JSON object");
        }
        return new JsonIn(doc, "", o);
    }

    ObjectNode node() {
        return node;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    ImageFormatException error(String field, String why) {
        return new ImageFormatException(doc + ": " + where(field) + ": " + why);
    }

    String str(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(field, "expected a string");
        }
        return v.textValue();
    }

    String requiredStr(String field) {
        String s = str(field);
        if (s == null || s.isEmpty()) {
            throw error(field, "missing");
        }
        return s;
    }

    Long integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "expected an integer");
        }
        return v.longValue();
    }

    Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(field, "expected true or false");
        }
        return v.booleanValue();
    }

    Digest digest(String field) {
        String s = requiredStr(field);
        try {
            return Digest.parse(s);
        } catch (InvalidDigestException e) {
            throw error(field, e.getMessage());
        }
    }

    /** A list of strings; null when absent, so callers can tell "unset" from "empty" where it matters. */
    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw error(field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw error(field, "expected an array of strings");
            }
            out.add(e.textValue());
        }
        return Collections.unmodifiableList(out);
    }

    List<String> stringsOrEmpty(String field) {
        List<String> l = strings(field);
        return l == null ? List.of() : l;
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw error(field, "expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw error(field + "." + e.getKey(), "expected a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The keys of an object used as a set, as in {@code ExposedPorts: {"80/tcp": {}}}. */
    Set<String> keySet(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isObject()) {
            throw error(field, "expected an object");
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        v.fieldNames().forEachRemaining(out::add);
        return Collections.unmodifiableSet(out);
    }

    <T> T object(String field, Function<JsonIn, T> read) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v instanceof ObjectNode o)) {
            throw error(field, "expected an object");
        }
        return read.apply(new JsonIn(doc, where(field), o));
    }

    <T> List<T> objects(String field, Function<JsonIn, T> read) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "expected an array");
        }
        List<T> out = new ArrayList<>(v.size());
        int i = 0;
        for (JsonNode e : v) {
            String at = where(field) + "[" + i + "]";
            if (!(e instanceof ObjectNode o)) {
                throw new ImageFormatException(doc + ": " + at + ": expected an object");
            }
            out.add(read.apply(new JsonIn(doc, at, o)));
            i++;
        }
        return Collections.unmodifiableList(out);
    }

    /** The fields of this object not named in {@code known}, kept so a rewrite does not drop them. */
    UnknownFields unknown(Set<String> known) {
        return UnknownFields.of(node, known);
    }

    private String where(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}

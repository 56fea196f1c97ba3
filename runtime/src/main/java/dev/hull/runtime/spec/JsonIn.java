package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one JSON object of a config, field by field, tracking where it is so that
 * a wrong type is reported as {@code config.json: process.args: expected an array of strings}.
 * Unknown fields are never looked at (forward compatibility); JSON null is the same as absent.
 */
final class JsonIn {

    private static final BigInteger U32_MAX = BigInteger.valueOf(0xffffffffL);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger I32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger I64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final String source;
    private final String path;
    private final JsonNode node;

    private JsonIn(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** The top-level object of a file; source names the file in messages. */
    static JsonIn root(String source, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new SpecException(source + ": expected a JSON object");
        }
        return new JsonIn(source, "", node);
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private SpecException wrong(String where, String expected) {
        return new SpecException(source + ": " + where + ": expected " + expected);
    }

    private JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v;
    }

    boolean has(String field) {
        return get(field) != null;
    }

    String str(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrong(at(field), "a string");
        }
        return v.textValue();
    }

    boolean bool(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrong(at(field), "true or false");
        }
        return v.booleanValue();
    }

    private static BigInteger integral(JsonNode v, BigInteger min, BigInteger max) {
        if (v == null || !v.isIntegralNumber()) {
            return null;
        }
        BigInteger b = v.bigIntegerValue();
        return b.compareTo(min) < 0 || b.compareTo(max) > 0 ? null : b;
    }

    private Long number(String field, BigInteger min, BigInteger max, String expected) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        BigInteger b = integral(v, min, max);
        if (b == null) {
            throw wrong(at(field), expected);
        }
        return b.longValue(); // wraps u64 values above Long.MAX_VALUE to negative, as intended
    }

    Long u32(String field) {
        return number(field, BigInteger.ZERO, U32_MAX, "an unsigned 32-bit integer");
    }

    long u32(String field, long absent) {
        Long v = u32(field);
        return v == null ? absent : v;
    }

    Integer i32(String field) {
        Long v = number(field, I32_MIN, I32_MAX, "a 32-bit integer");
        return v == null ? null : v.intValue();
    }

    Long i64(String field) {
        return number(field, I64_MIN, I64_MAX, "a 64-bit integer");
    }

    /** An unsigned 64-bit value in a long (18446744073709551615 becomes -1). */
    Long u64(String field) {
        return number(field, BigInteger.ZERO, U64_MAX, "an unsigned 64-bit integer");
    }

    List<String> strings(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrong(at(field), "an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw wrong(at(field) + "[" + i + "]", "a string");
            }
            out.add(e.textValue());
        }
        return out;
    }

    List<Long> u32s(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrong(at(field), "an array of unsigned 32-bit integers");
        }
        List<Long> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            BigInteger b = integral(v.get(i), BigInteger.ZERO, U32_MAX);
            if (b == null) {
                throw wrong(at(field) + "[" + i + "]", "an unsigned 32-bit integer");
            }
            out.add(b.longValue());
        }
        return out;
    }

    <T> T object(String field, Function<JsonIn, T> read) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrong(at(field), "an object");
        }
        return read.apply(new JsonIn(source, at(field), v));
    }

    <T> List<T> objects(String field, Function<JsonIn, T> read) {
        JsonNode v = get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrong(at(field), "an array of objects");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String where = at(field) + "[" + i + "]";
            if (!e.isObject()) {
                throw wrong(where, "an object");
            }
            out.add(read.apply(new JsonIn(source, where, e)));
        }
        return out;
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw wrong(at(field), "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrong(at(field) + "[\"" + e.getKey() + "\"]", "a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    <T> Map<String, T> objectMap(String field, Function<JsonIn, T> read) {
        JsonNode v = get(field);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw wrong(at(field), "an object");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String where = at(field) + "[\"" + e.getKey() + "\"]";
            if (!e.getValue().isObject()) {
                throw wrong(where, "an object");
            }
            out.put(e.getKey(), read.apply(new JsonIn(source, where, e.getValue())));
        }
        return out;
    }

    /** A section kept as JSON; it must be an object. */
    JsonNode objectNode(String field) {
        JsonNode v = get(field);
        if (v != null && !v.isObject()) {
            throw wrong(at(field), "an object");
        }
        return v;
    }
}

package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

/**
 * Reads numbers and strings out of linux.resources. A wrong type or range is an error
 * that names the key and the value as the config has it.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** An int64 field, or null when the config leaves it out (absent or null). */
    static Long int64(JsonNode node, String key) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw bad(key, node, "is not an integer");
        }
        if (!node.canConvertToLong()) {
            throw bad(key, node, "is out of range");
        }
        return node.asLong();
    }

    /** A non-negative integer field that fits a long (shares, period, weights, device numbers). */
    static Long unsigned(JsonNode node, String key) {
        Long v = int64(node, key);
        if (v != null && v < 0) {
            throw bad(key, node, "must not be negative");
        }
        return v;
    }

    /** A uint64 field as decimal text, for limits that may exceed a long (rates, hugetlb bytes). */
    static String uint64(JsonNode node, String key) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() < 0
                || node.bigIntegerValue().bitLength() > 64) {
            throw bad(key, node, "is not an unsigned 64-bit integer");
        }
        return node.bigIntegerValue().toString();
    }

    /** A string field, or null when absent or empty. */
    static String text(JsonNode node, String key) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isTextual()) {
            throw bad(key, node, "is not a string");
        }
        return node.asText().isEmpty() ? null : node.asText();
    }

    static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    static ContainerException bad(String key, Object value, String why) {
        return new ContainerException(key + " " + value + ": " + why);
    }

    /** A string value as the error shows it: quoted, so that spaces and emptiness are visible. */
    static String quoted(String s) {
        return '"' + s.replace("\n", "\\n") + '"';
    }
}

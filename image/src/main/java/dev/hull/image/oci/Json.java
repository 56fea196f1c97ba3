package dev.hull.image.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Parsing and writing of image JSON documents with one-line errors. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        // manifests come from registries: bound nesting so a hostile document cannot exhaust the stack
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {
    }

    /**
     * Duplicate keys are refused: two readers that pick different duplicates would see
     * two different images behind one digest.
     */
    static JsonNode parse(byte[] bytes, String doc) {
        if (bytes.length == 0) {
            throw new ImageFormatException(doc + ": empty document");
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int nl = why.indexOf('\n');
            if (nl >= 0) {
                why = why.substring(0, nl);
            }
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ImageFormatException(doc + ": invalid JSON" + where + ": " + why, e);
        } catch (IOException e) {
            throw new ImageFormatException(doc + ": " + e.getMessage(), e);
        }
    }

    /** Compact UTF-8, the form registries and other engines write. */
    static byte[] write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}

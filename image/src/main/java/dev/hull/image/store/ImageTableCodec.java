package dev.hull.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.image.oci.Digest;
import dev.hull.image.ref.Reference;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * images.json: {@code {"version":1,"images":[{"target":{...},"id":...,"created":...,"names":[...]}]}}.
 * The version lets a later hull migrate the file instead of misreading it.
 */
final class ImageTableCodec {

    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageTableCodec() {
    }

    static byte[] write(ImageTable t) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode images = root.putArray("images");
        for (ImageRecord r : t.images()) {
            ObjectNode o = images.addObject();
            ObjectNode target = o.putObject("target");
            target.put("mediaType", r.mediaType());
            target.put("digest", r.target().toString());
            target.put("size", r.size());
            o.put("id", r.id().toString());
            o.put("created", r.created().toString());
            ArrayNode names = o.putArray("names");
            r.names().forEach(n -> names.add(n.toString()));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the image table", e);
        }
    }

    static ImageTable read(byte[] bytes, String file) {
        try {
            JsonNode root = MAPPER.readTree(bytes);
            int version = root.path("version").asInt(-1);
            if (version != VERSION) {
                throw new ImageStoreException(file + ": unsupported version " + version + " (this hull reads "
                        + VERSION + ")");
            }
            List<ImageRecord> out = new ArrayList<>();
            for (JsonNode o : root.path("images")) {
                JsonNode target = o.path("target");
                List<Reference> names = new ArrayList<>();
                for (JsonNode n : o.path("names")) {
                    names.add(Reference.parse(n.asText()));
                }
                out.add(new ImageRecord(Digest.parse(target.path("digest").asText()),
                        target.path("mediaType").asText(), target.path("size").asLong(),
                        Digest.parse(o.path("id").asText()), Instant.parse(o.path("created").asText()), names));
            }
            return new ImageTable(out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageStoreException ise) {
                throw ise;
            }
            throw new ImageStoreException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}

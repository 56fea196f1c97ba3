package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An image configuration: the platform, how to run it, the uncompressed layer
 * digests (rootfs.diff_ids) and the build history. Its digest is the image ID.
 * Immutable and tied to its bytes: parsed ones keep the bytes they came from, and
 * each {@code with...} encodes new bytes, carrying over every field hull does not
 * model so that rewriting (commit, build) does not lose another tool's data.
 */
public final class ImageConfig {

    private static final Set<String> KNOWN = Set.of("created", "author", "architecture", "os", "os.version",
            "os.features", "variant", "config", "rootfs", "history");

    private final String created;
    private final String author;
    private final Platform platform;
    private final ContainerConfig config;
    private final List<Digest> diffIds;
    private final List<History> history;
    private final UnknownFields unknown;
    private final RawJson raw;

    private ImageConfig(String created, String author, Platform platform, ContainerConfig config,
                        List<Digest> diffIds, List<History> history, UnknownFields unknown, RawJson raw) {
        this.created = created;
        this.author = author;
        this.platform = platform;
        this.config = config == null ? ContainerConfig.EMPTY : config;
        this.diffIds = List.copyOf(diffIds);
        this.history = List.copyOf(history);
        this.unknown = unknown == null ? UnknownFields.NONE : unknown;
        this.raw = raw == null ? RawJson.of(Json.write(encode())) : raw;
    }

    /** A new config; created is an RFC 3339 time or null. */
    public static ImageConfig create(Platform platform, ContainerConfig config, List<Digest> diffIds,
                                     List<History> history, String created) {
        return new ImageConfig(created, null, platform, config, diffIds, history, UnknownFields.NONE, null);
    }

    /** Parses a config blob, keeping its bytes (their digest is the image ID). */
    public static ImageConfig parse(byte[] bytes) {
        RawJson raw = RawJson.of(bytes);
        String doc = "image config " + raw.digest();
        JsonIn j = JsonIn.root(doc, Json.parse(bytes, doc));
        Platform platform = new Platform(j.requiredStr("os"), j.requiredStr("architecture"), j.str("variant"),
                j.str("os.version"), j.strings("os.features"));
        List<Digest> diffIds = j.object("rootfs", r -> {
            String type = r.requiredStr("type");
            if (!type.equals("layers")) {
                throw r.error("type", "must be \"layers\", got \"" + type + "\"");
            }
            List<String> ids = r.strings("diff_ids");
            if (ids == null) {
                throw r.error("diff_ids", "missing");
            }
            List<Digest> out = new java.util.ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                try {
                    out.add(Digest.parse(ids.get(i)));
                } catch (InvalidDigestException e) {
                    throw r.error("diff_ids[" + i + "]", e.getMessage());
                }
            }
            return out;
        });
        if (diffIds == null) {
            throw j.error("rootfs", "missing");
        }
        return new ImageConfig(j.str("created"), j.str("author"), platform, j.object("config", ContainerConfig::read),
                diffIds, j.objects("history", History::read), j.unknown(KNOWN), raw);
    }

    /** The image ID. */
    public Digest digest() {
        return raw.digest();
    }

    public RawJson raw() {
        return raw;
    }

    /** A descriptor for this config in a manifest of the given media type. */
    public Descriptor descriptor(String configMediaType) {
        return new Descriptor(configMediaType, digest(), raw.size());
    }

    /** The created field as written (RFC 3339), or null. */
    public String created() {
        return created;
    }

    /** The created time, when present and readable. */
    public Optional<Instant> createdInstant() {
        if (created == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(created));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public String author() {
        return author;
    }

    public Platform platform() {
        return platform;
    }

    public ContainerConfig config() {
        return config;
    }

    /** Digests of the uncompressed layers, base first. */
    public List<Digest> diffIds() {
        return diffIds;
    }

    public List<History> history() {
        return history;
    }

    /** Top-level fields hull does not model. */
    public UnknownFields unknown() {
        return unknown;
    }

    public ImageConfig withConfig(ContainerConfig c) {
        return new ImageConfig(created, author, platform, c, diffIds, history, unknown, null);
    }

    public ImageConfig withCreated(String time) {
        return new ImageConfig(time, author, platform, config, diffIds, history, unknown, null);
    }

    /** This config with one more layer on top and the history step that made it. */
    public ImageConfig withLayer(Digest diffId, History step) {
        List<Digest> ids = new java.util.ArrayList<>(diffIds);
        ids.add(diffId);
        List<History> h = new java.util.ArrayList<>(history);
        h.add(step);
        return new ImageConfig(created, author, platform, config, ids, h, unknown, null);
    }

    private ObjectNode encode() {
        ObjectNode o = Json.object();
        if (created != null) {
            o.put("created", created);
        }
        if (author != null) {
            o.put("author", author);
        }
        o.put("architecture", platform.architecture());
        if (!platform.variant().isEmpty()) {
            o.put("variant", platform.variant());
        }
        o.put("os", platform.os());
        if (!platform.osVersion().isEmpty()) {
            o.put("os.version", platform.osVersion());
        }
        if (!platform.osFeatures().isEmpty()) {
            platform.osFeatures().forEach(o.putArray("os.features")::add);
        }
        o.set("config", config.toJson());
        ObjectNode rootfs = o.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(d -> ids.add(d.toString()));
        if (!history.isEmpty()) {
            ArrayNode h = o.putArray("history");
            history.forEach(s -> h.add(s.toJson()));
        }
        unknown.writeTo(o);
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageConfig c && raw.equals(c.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "image config " + digest() + " (" + platform + ", " + diffIds.size() + " layers)";
    }
}

package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pointer to a blob: what it is (media type), which bytes (digest) and how many
 * (size). The size is part of the pointer so that a reader can stop a registry that
 * sends more than it promised. The embedded {@code data} field of the spec is not
 * modelled: manifests keep their original bytes, so it is never lost.
 *
 * @param platform     for index entries; null elsewhere
 * @param artifactType for artifacts; null for images
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
                         Map<String, String> annotations, Platform platform, String artifactType) {

    public Descriptor {
        if (mediaType == null || mediaType.isEmpty()) {
            throw new IllegalArgumentException("a descriptor needs a media type");
        }
        if (digest == null) {
            throw new IllegalArgumentException("a descriptor needs a digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a descriptor's size cannot be negative: " + size);
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, List.of(), Map.of(), null, null);
    }

    /** The descriptor of {@code bytes}, sha256 digested. */
    public static Descriptor of(String mediaType, byte[] bytes) {
        return new Descriptor(mediaType, Digest.sha256(bytes), bytes.length);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, urls, annotations, p, artifactType);
    }

    public Descriptor withAnnotations(Map<String, String> a) {
        return new Descriptor(mediaType, digest, size, urls, a, platform, artifactType);
    }

    static Descriptor read(JsonIn j) {
        String mediaType = j.requiredStr("mediaType");
        Digest digest = j.digest("digest");
        Long size = j.integer("size");
        if (size == null) {
            throw j.error("size", "missing");
        }
        if (size < 0) {
            throw j.error("size", "expected a non-negative integer");
        }
        Platform platform = j.object("platform", p -> {
            try {
                return new Platform(p.requiredStr("os"), p.requiredStr("architecture"), p.str("variant"),
                        p.str("os.version"), p.strings("os.features"));
            } catch (IllegalArgumentException e) {
                throw p.error("os", e.getMessage());
            }
        });
        return new Descriptor(mediaType, digest, size, j.stringsOrEmpty("urls"), j.stringMap("annotations"),
                platform, j.str("artifactType"));
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mediaType", mediaType);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.put("digest", digest.toString());
        o.put("size", size);
        if (!urls.isEmpty()) {
            urls.forEach(o.putArray("urls")::add);
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        if (platform != null) {
            ObjectNode p = o.putObject("platform");
            p.put("architecture", platform.architecture());
            p.put("os", platform.os());
            if (!platform.osVersion().isEmpty()) {
                p.put("os.version", platform.osVersion());
            }
            if (!platform.osFeatures().isEmpty()) {
                platform.osFeatures().forEach(p.putArray("os.features")::add);
            }
            if (!platform.variant().isEmpty()) {
                p.put("variant", platform.variant());
            }
        }
        return o;
    }
}

package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image (or artifact): its config blob and its layers, in OCI or Docker schema 2
 * form. Immutable; made either by {@link Manifests#parse} from stored bytes, or by
 * {@link #create}, which encodes the bytes once. Equality is equality of the bytes.
 */
public final class ImageManifest implements Manifest {

    private final String mediaType;
    private final String artifactType;
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final Descriptor subject;
    private final Map<String, String> annotations;
    private final RawJson raw;

    ImageManifest(String mediaType, String artifactType, Descriptor config, List<Descriptor> layers,
                  Descriptor subject, Map<String, String> annotations, RawJson raw) {
        this.mediaType = mediaType;
        this.artifactType = artifactType;
        this.config = Objects.requireNonNull(config, "config");
        this.layers = List.copyOf(layers);
        this.subject = subject;
        this.annotations = Map.copyOf(annotations);
        this.raw = raw;
    }

    /**
     * Encodes a new manifest. {@code mediaType} is {@link MediaTypes#OCI_MANIFEST} or
     * {@link MediaTypes#DOCKER_MANIFEST}; Docker's format has no annotations or subject.
     */
    public static ImageManifest create(String mediaType, Descriptor config, List<Descriptor> layers,
                                       Map<String, String> annotations) {
        if (!MediaTypes.isManifest(mediaType)) {
            throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
        }
        if (mediaType.equals(MediaTypes.DOCKER_MANIFEST) && !annotations.isEmpty()) {
            throw new IllegalArgumentException("Docker schema 2 manifests cannot carry annotations");
        }
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType);
        o.set("config", config.toJson());
        ArrayNode l = o.putArray("layers");
        layers.forEach(d -> l.add(d.toJson()));
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        return new ImageManifest(mediaType, null, config, layers, null, annotations, RawJson.of(Json.write(o)));
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    /** The artifact type, or null (images have none; then the config media type tells). */
    public String artifactType() {
        return artifactType;
    }

    public Descriptor config() {
        return config;
    }

    /** Layers in order, base first. */
    public List<Descriptor> layers() {
        return layers;
    }

    /** The manifest this one refers to (signatures, SBOMs), or null. */
    public Descriptor subject() {
        return subject;
    }

    @Override
    public Map<String, String> annotations() {
        return annotations;
    }

    @Override
    public RawJson raw() {
        return raw;
    }

    /** Whether this is a container image (its config is an image config) rather than an artifact. */
    public boolean isContainerImage() {
        return MediaTypes.isImageConfig(config.mediaType());
    }

    /** Sum of the layer sizes, as transferred (compressed). */
    public long layersSize() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageManifest m && raw.equals(m.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "manifest " + digest() + " (" + mediaType + ", " + layers.size() + " layers)";
    }
}

package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list of manifests, usually one per platform: an OCI image index or a Docker
 * manifest list. Immutable; equality is equality of the bytes.
 */
public final class ImageIndex implements Manifest {

    private final String mediaType;
    private final String artifactType;
    private final List<Descriptor> manifests;
    private final Descriptor subject;
    private final Map<String, String> annotations;
    private final RawJson raw;

    ImageIndex(String mediaType, String artifactType, List<Descriptor> manifests, Descriptor subject,
               Map<String, String> annotations, RawJson raw) {
        this.mediaType = mediaType;
        this.artifactType = artifactType;
        this.manifests = List.copyOf(manifests);
        this.subject = subject;
        this.annotations = Map.copyOf(annotations);
        this.raw = raw;
    }

    /** Encodes a new index ({@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}). */
    public static ImageIndex create(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
        if (!MediaTypes.isIndex(mediaType)) {
            throw new IllegalArgumentException("not an index media type: " + mediaType);
        }
        if (mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST) && !annotations.isEmpty()) {
            throw new IllegalArgumentException("Docker manifest lists cannot carry annotations");
        }
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType);
        ArrayNode m = o.putArray("manifests");
        manifests.forEach(d -> m.add(d.toJson()));
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        return new ImageIndex(mediaType, null, manifests, null, annotations, RawJson.of(Json.write(o)));
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    public String artifactType() {
        return artifactType;
    }

    public List<Descriptor> manifests() {
        return manifests;
    }

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

    /** The entry the matcher prefers, e.g. {@code PlatformMatcher.host()}. */
    public Optional<Descriptor> select(PlatformMatcher matcher) {
        return matcher.best(manifests);
    }

    /** The platforms listed, for "no match for platform" messages. */
    public List<Platform> platforms() {
        return manifests.stream().map(Descriptor::platform).filter(p -> p != null).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageIndex i && raw.equals(i.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "index " + digest() + " (" + mediaType + ", " + manifests.size() + " manifests)";
    }
}

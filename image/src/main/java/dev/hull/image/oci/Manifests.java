package dev.hull.image.oci;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads manifests and indexes from bytes. Decides the kind from the document's own
 * {@code mediaType}, else from the media type it was served or described with, else
 * from its shape; refuses Docker schema 1, unknown media types and documents that
 * could be read as both kinds (a manifest with {@code manifests}, an index with
 * {@code layers}), since two readers could then see two different images.
 */
public final class Manifests {

    /** Largest manifest accepted; real ones are a few KiB, and this bounds a hostile registry. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private Manifests() {
    }

    /** Parses a manifest whose serving media type is unknown. */
    public static Manifest parse(byte[] bytes) {
        return parse(bytes, (String) null);
    }

    /**
     * Parses a manifest or index.
     *
     * @param declaredMediaType the Content-Type it was served with or the media type of the
     *                          descriptor that pointed at it; null when unknown
     */
    public static Manifest parse(byte[] bytes, String declaredMediaType) {
        if (bytes.length > MAX_SIZE) {
            throw tooLarge(bytes.length);
        }
        RawJson raw = RawJson.of(bytes);
        String doc = "manifest " + raw.digest();
        JsonIn j = JsonIn.root(doc, Json.parse(bytes, doc));
        String declared = bare(declaredMediaType);
        if (declared != null && MediaTypes.isSchema1(declared)) {
            throw schema1(doc, declared);
        }
        Long version = j.integer("schemaVersion");
        if ((version != null && version == 1) || (version == null && (j.has("fsLayers") || j.has("signatures")))) {
            throw schema1(doc, declared != null ? declared : MediaTypes.DOCKER_SCHEMA1);
        }
        if (version == null) {
            throw j.error("schemaVersion", "missing");
        }
        if (version != 2) {
            throw j.error("schemaVersion", "unsupported version " + version + " (hull reads version 2)");
        }
        String own = j.str("mediaType");
        String type = kind(j, doc, own, declared);
        if (MediaTypes.isManifest(type)) {
            if (j.has("manifests")) {
                throw new ImageFormatException(doc + ": a " + type + " must not have a manifests field");
            }
            return manifest(j, type, raw);
        }
        if (j.has("config") || j.has("layers")) {
            throw new ImageFormatException(doc + ": a " + type + " must not have config or layers fields");
        }
        return index(j, type, raw);
    }

    /**
     * Parses content fetched by descriptor, checking first that the bytes are the ones
     * the descriptor names (size and digest) so a mismatching registry is caught before
     * the content is trusted.
     */
    public static Manifest parseVerified(byte[] bytes, Descriptor expected) {
        if (bytes.length != expected.size()) {
            throw new ImageFormatException("manifest " + expected.digest() + ": got " + bytes.length
                    + " bytes, expected " + expected.size());
        }
        Digest actual = Digest.of(expected.digest().algorithm(), bytes);
        if (!actual.equals(expected.digest())) {
            throw new ImageFormatException("manifest " + expected.digest() + ": content has digest " + actual);
        }
        return parse(bytes, expected.mediaType());
    }

    /** Reads and parses at most {@link #MAX_SIZE} bytes; a longer stream is refused before it is buffered. */
    public static Manifest read(InputStream in, String declaredMediaType) {
        return parse(readLimited(in, MAX_SIZE), declaredMediaType);
    }

    /**
     * Reads a whole stream that must hold at most {@code limit} bytes, stopping as soon as
     * it holds more rather than buffering a hostile or broken response in full.
     */
    public static byte[] readLimited(InputStream in, int limit) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(total);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest: " + e.getMessage(), e);
        }
    }

    private static ImageFormatException tooLarge(long atLeast) {
        return new ImageFormatException("manifest too large: " + (atLeast > MAX_SIZE ? "more than " : "")
                + MAX_SIZE + " bytes is the limit");
    }

    private static ImageFormatException schema1(String doc, String type) {
        return new ImageFormatException(doc + ": Docker image manifest v2 schema 1 (" + type
                + ") is not supported; push the image again with a current docker, podman or skopeo");
    }

    private static String kind(JsonIn j, String doc, String own, String declared) {
        String type = own;
        if (own != null && declared != null && isKnown(declared) && !own.equals(declared)) {
            throw j.error("mediaType", "is " + own + " but the content was served as " + declared);
        }
        if (type == null && declared != null && isKnown(declared)) {
            type = declared;
        }
        if (type == null) {
            // OCI made mediaType optional at first; tell the kinds apart by their fields
            if (j.has("manifests")) {
                type = MediaTypes.OCI_INDEX;
            } else if (j.has("config")) {
                type = MediaTypes.OCI_MANIFEST;
            } else {
                throw j.error("mediaType", "missing, and the document is neither a manifest nor an index");
            }
        }
        if (MediaTypes.isSchema1(type)) {
            throw schema1(doc, type);
        }
        if (!isKnown(type)) {
            throw j.error("mediaType", "unsupported media type " + type + " (hull reads "
                    + MediaTypes.acceptedManifestTypes() + ")");
        }
        return type;
    }

    private static boolean isKnown(String type) {
        return MediaTypes.isManifest(type) || MediaTypes.isIndex(type);
    }

    /** A Content-Type without parameters such as {@code ; charset=utf-8}. */
    private static String bare(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String t = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    private static ImageManifest manifest(JsonIn j, String type, RawJson raw) {
        Descriptor config = j.object("config", Descriptor::read);
        if (config == null) {
            throw j.error("config", "missing");
        }
        List<Descriptor> layers = j.objects("layers", Descriptor::read);
        return new ImageManifest(type, j.str("artifactType"), config, layers, j.object("subject", Descriptor::read),
                j.stringMap("annotations"), raw);
    }

    private static ImageIndex index(JsonIn j, String type, RawJson raw) {
        JsonNode m = j.node().get("manifests");
        if (m == null || m.isNull()) {
            throw j.error("manifests", "missing");
        }
        return new ImageIndex(type, j.str("artifactType"), j.objects("manifests", Descriptor::read),
                j.object("subject", Descriptor::read), j.stringMap("annotations"), raw);
    }
}

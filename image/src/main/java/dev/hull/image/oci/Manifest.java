package dev.hull.image.oci;

import java.util.Map;

/**
 * A document a registry serves from {@code /manifests/}: a single image manifest or an
 * index of them. Both keep the exact bytes they were read from.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {

    String mediaType();

    Map<String, String> annotations();

    /** The bytes as stored or served. */
    RawJson raw();

    /** The sha256 digest of {@link #raw()}, the name the content is stored under. */
    default Digest digest() {
        return raw().digest();
    }

    /** A descriptor pointing at this document. */
    default Descriptor descriptor() {
        return new Descriptor(mediaType(), digest(), raw().size());
    }
}

package dev.hull.image.content;

import dev.hull.image.oci.Digest;

/** The blob is not in the store. */
public final class BlobNotFoundException extends ContentException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the content store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}

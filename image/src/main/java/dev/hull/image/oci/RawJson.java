package dev.hull.image.oci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes of a stored JSON document. Digests are always taken of these bytes,
 * never of a re-serialisation: JSON has many encodings of one value, and a registry
 * addresses the one it was given.
 */
public final class RawJson {

    private final byte[] bytes;
    private final Digest digest;

    private RawJson(byte[] bytes) {
        this.bytes = bytes;
        this.digest = Digest.sha256(bytes);
    }

    public static RawJson of(byte[] bytes) {
        return new RawJson(bytes.clone());
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The sha256 digest of the bytes. */
    public Digest digest() {
        return digest;
    }

    /** The digest with another algorithm, for content addressed by sha512. */
    public Digest digest(DigestAlgorithm algorithm) {
        return algorithm == DigestAlgorithm.SHA256 ? digest : Digest.of(algorithm, bytes);
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return digest + " (" + bytes.length + " bytes)";
    }
}

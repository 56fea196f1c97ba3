package dev.hull.image.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms the OCI image-spec registers and registries use. blake3
 * is registered too but no registry serves it, so it is refused like any other
 * unknown algorithm rather than half supported.
 */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String id;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String id, String jcaName, int hexLength) {
        this.id = id;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** The name used in digest strings ({@code sha256}). */
    public String id() {
        return id;
    }

    /** Length of the hex-encoded value. */
    public int hexLength() {
        return hexLength;
    }

    public static Optional<DigestAlgorithm> byId(String id) {
        for (DigestAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A fresh hasher; every JDK ships SHA-256 and SHA-512, so failure is a broken JDK. */
    public MessageDigest newHasher() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from this JDK", e);
        }
    }
}

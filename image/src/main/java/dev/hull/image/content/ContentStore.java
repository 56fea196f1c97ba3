package dev.hull.image.content;

import dev.hull.image.oci.Digest;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Blobs addressed by their digest: manifests, configs and compressed layers. A blob
 * in the store always has the digest it is stored under; writers go through
 * {@link Ingest}, which verifies before anything becomes visible.
 */
public interface ContentStore {

    Optional<BlobInfo> info(Digest digest);

    default boolean exists(Digest digest) {
        return info(digest).isPresent();
    }

    /** Size in bytes; {@link BlobNotFoundException} if absent. */
    default long size(Digest digest) {
        return info(digest).orElseThrow(() -> new BlobNotFoundException(digest)).size();
    }

    /** Streams the blob; {@link BlobNotFoundException} if absent. */
    InputStream open(Digest digest);

    /** Reads a whole blob that must be at most {@code maxSize} bytes (manifests, configs). */
    byte[] read(Digest digest, int maxSize);

    /**
     * Starts writing a blob; waits while another writer of the same digest is at work.
     *
     * @param expectedSize the size to enforce, or -1 when unknown
     */
    Ingest ingest(Digest expected, long expectedSize);

    /** Writes a whole stream as blob {@code expected}; returns at once if it is present. */
    default BlobInfo write(Digest expected, long expectedSize, InputStream in) {
        try (Ingest w = ingest(expected, expectedSize)) {
            if (!w.alreadyPresent()) {
                w.copyFrom(in);
            }
            return w.commit();
        }
    }

    /** Stores {@code data} under its sha256 digest. */
    default BlobInfo write(byte[] data) {
        Digest d = Digest.sha256(data);
        try (Ingest w = ingest(d, data.length)) {
            if (!w.alreadyPresent()) {
                w.write(data);
            }
            return w.commit();
        }
    }

    /** Removes a blob; false when it was not there. */
    boolean delete(Digest digest);

    /** Every stored blob's digest. */
    List<Digest> list();

    /** Holds off garbage collection until closed. */
    Lease lease();
}

package dev.hull.image.content;

import dev.hull.image.oci.Digest;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One blob being written. Data is hashed as it arrives; {@link #commit()} checks the
 * digest and size and only then makes the blob visible. Closing without a successful
 * commit discards everything written.
 *
 * <pre>{@code
 * try (Ingest in = store.ingest(desc.digest(), desc.size())) {
 *     if (!in.alreadyPresent()) {
 *         in.copyFrom(registryStream);
 *     }
 *     in.commit();
 * }
 * }</pre>
 *
 * While an ingest is open, no other writer of the same digest (thread or process)
 * proceeds: the second one waits, then finds the blob present.
 */
public interface Ingest extends AutoCloseable {

    Digest expected();

    /** Expected size, or -1 when not known in advance. */
    long expectedSize();

    /** True when the store already held the blob at open: skip the download, writes are refused. */
    boolean alreadyPresent();

    /** Bytes written so far. */
    long written();

    void write(byte[] b, int off, int len);

    default void write(byte[] b) {
        write(b, 0, b.length);
    }

    /** Writes everything {@code in} holds; returns the number of bytes. Does not close {@code in}. */
    long copyFrom(InputStream in);

    /** This ingest as a stream (closing the stream does not commit or abort). */
    OutputStream asOutputStream();

    /**
     * Verifies and stores the blob, synced to disk. Throws {@link BlobMismatchException}
     * (and stores nothing) when the data is not the expected blob.
     */
    BlobInfo commit();

    /** Releases the locks; discards the data unless committed. */
    @Override
    void close();
}

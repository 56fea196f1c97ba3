package dev.hull.image.layer;

import dev.hull.image.oci.Digest;
import dev.hull.image.oci.DigestAlgorithm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while counting them and feeding them to SHA-256, so a layer is
 * hashed in the same pass that unpacks it. {@code skip} reads instead of skipping, or skipped
 * bytes would be missing from the hash; mark and reset are not supported for the same reason.
 */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest hasher = DigestAlgorithm.SHA256.newHasher();
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            hasher.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            hasher.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: bytes read twice would be hashed twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads to the end, so the hash covers everything the source holds. */
    void drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
    }

    long count() {
        return count;
    }

    /** The digest of everything read so far; call once, at the end. */
    Digest digest() {
        return Digest.fromHasher(DigestAlgorithm.SHA256, hasher.digest());
    }
}

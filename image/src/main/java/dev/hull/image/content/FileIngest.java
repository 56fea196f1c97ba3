package dev.hull.image.content;

import dev.hull.image.fs.AtomicFiles;
import dev.hull.image.fs.LockFile;
import dev.hull.image.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * An {@link Ingest} into a {@link FileContentStore}. Holds a shared lease (so garbage
 * collection waits) and the digest's exclusive lock from open to close; writes go to
 * a temporary file under ingest/ and reach blobs/ only through an atomic rename after
 * verification, so a reader never sees a partial or wrong blob.
 */
final class FileIngest implements Ingest {

    private final ContentLayout layout;
    private final Digest expected;
    private final long expectedSize;
    private final LockFile.Held lease;
    private final LockFile.Held digestLock;
    private final boolean present;
    private final MessageDigest hasher;
    private Path tmp;
    private FileChannel out;
    private long written;
    private boolean committed;
    private boolean failed;
    private boolean closed;

    FileIngest(ContentLayout layout, Digest expected, long expectedSize) {
        this.layout = layout;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.hasher = expected.algorithm().newHasher();
        LockFile.Held l = LockFile.shared(layout.gcLock());
        LockFile.Held d;
        try {
            d = LockFile.exclusive(layout.digestLock(expected));
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
        this.lease = l;
        this.digestLock = d;
        try {
            this.present = Files.exists(layout.blob(expected));
            if (!present) {
                tmp = Files.createTempFile(layout.ingestDir(), layout.tmpPrefix(expected), ContentLayout.TMP_SUFFIX);
                out = FileChannel.open(tmp, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("blob " + expected + ": cannot start writing: " + e.getMessage(), e);
        }
    }

    @Override
    public Digest expected() {
        return expected;
    }

    @Override
    public long expectedSize() {
        return expectedSize;
    }

    @Override
    public boolean alreadyPresent() {
        return present;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        checkWritable();
        if (expectedSize >= 0 && written + len > expectedSize) {
            failed = true;
            throw new BlobMismatchException("blob " + expected + ": more data than the expected " + expectedSize
                    + " bytes; nothing was stored");
        }
        hasher.update(b, off, len);
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("blob " + expected + ": writing " + tmp + ": " + e.getMessage(), e);
        }
        written += len;
    }

    @Override
    public long copyFrom(InputStream in) {
        checkWritable();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                write(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("blob " + expected + ": reading the source: " + e.getMessage(), e);
        }
        return total;
    }

    @Override
    public OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                FileIngest.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                FileIngest.this.write(b, off, len);
            }
        };
    }

    @Override
    public BlobInfo commit() {
        if (closed) {
            throw new IllegalStateException("blob " + expected + ": ingest already closed");
        }
        if (present || committed) {
            return new BlobInfo(expected, sizeOfStored());
        }
        if (failed) {
            throw new IllegalStateException("blob " + expected + ": a write failed; nothing can be committed");
        }
        if (expectedSize >= 0 && written != expectedSize) {
            failed = true;
            throw new BlobMismatchException("blob " + expected + ": got " + written + " bytes, expected "
                    + expectedSize + "; nothing was stored");
        }
        Digest actual = Digest.fromHasher(expected.algorithm(), hasher.digest());
        if (!actual.equals(expected)) {
            failed = true;
            throw new BlobMismatchException("blob " + expected + ": content has digest " + actual + ", expected "
                    + expected + "; nothing was stored");
        }
        Path target = layout.blob(expected);
        try {
            out.force(true);
            out.close();
            out = null;
            // blobs are never modified in place; read-only makes an accidental write fail loudly
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            Files.createDirectories(target.getParent());
            AtomicFiles.moveInto(tmp, target);
            tmp = null;
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("blob " + expected + ": cannot store: " + e.getMessage(), e);
        }
        committed = true;
        return new BlobInfo(expected, written);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (out != null) {
                out.close();
            }
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // a leftover temporary file is removed by the next garbage collection
        } finally {
            if (digestLock != null) {
                digestLock.close();
            }
            if (lease != null) {
                lease.close();
            }
        }
    }

    private void checkWritable() {
        if (closed || committed) {
            throw new IllegalStateException("blob " + expected + ": ingest is " + (closed ? "closed" : "committed"));
        }
        if (present) {
            throw new IllegalStateException("blob " + expected + " is already stored; check alreadyPresent() first");
        }
        if (failed) {
            throw new IllegalStateException("blob " + expected + ": an earlier write failed");
        }
    }

    private long sizeOfStored() {
        try {
            return Files.size(layout.blob(expected));
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + expected + ": " + e.getMessage(), e);
        }
    }
}

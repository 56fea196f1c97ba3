package dev.hull.image.content;

import dev.hull.image.fs.LockFile;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.DigestAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content store on a local filesystem (layout in {@link ContentLayout}). Safe for
 * any number of threads and hull processes on one root: writers of one digest are
 * serialised by a lock file, and garbage collection runs only when no writer or lease
 * is active.
 */
public final class FileContentStore implements ContentStore {

    private final ContentLayout layout;

    public FileContentStore(Path root) {
        this.layout = new ContentLayout(root);
        try {
            Files.createDirectories(layout.blobs());
            Files.createDirectories(layout.ingestDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store at " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return layout.root();
    }

    /** The file of a blob, for readers that need a path (an OCI layout export, a mount). */
    public Path blobPath(Digest digest) {
        return layout.blob(digest);
    }

    @Override
    public Optional<BlobInfo> info(Digest digest) {
        try {
            BasicFileAttributes a = Files.readAttributes(layout.blob(digest), BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new BlobInfo(digest, a.size())) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(layout.blob(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + digest + ": cannot open: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Digest digest, int maxSize) {
        long size = size(digest);
        if (size > maxSize) {
            throw new ContentException("blob " + digest + " is " + size + " bytes, more than the " + maxSize
                    + " allowed here");
        }
        try (InputStream in = open(digest)) {
            byte[] b = in.readNBytes(maxSize + 1);
            if (b.length > maxSize) {
                throw new ContentException("blob " + digest + " is larger than the " + maxSize + " allowed here");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + digest + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public Ingest ingest(Digest expected, long expectedSize) {
        return new FileIngest(layout, expected, expectedSize);
    }

    @Override
    public boolean delete(Digest digest) {
        try (LockFile.Held l = LockFile.shared(layout.gcLock());
             LockFile.Held d = LockFile.exclusive(layout.digestLock(digest))) {
            return Files.deleteIfExists(layout.blob(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + digest + ": cannot delete: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Digest> list() {
        List<Digest> out = new ArrayList<>();
        for (DigestAlgorithm alg : DigestAlgorithm.values()) {
            Path dir = layout.blobs().resolve(alg.id());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    ContentLayout.digestOf(alg, p.getFileName().toString()).ifPresent(out::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public Lease lease() {
        LockFile.Held l = LockFile.shared(layout.gcLock());
        return l::close;
    }

    /**
     * Deletes every blob not reachable from {@code roots}, and leftover temporary files;
     * waits up to a minute for writers and leases to finish. See {@link GarbageCollector}.
     */
    public GcResult gc(Set<Digest> roots) {
        return new GarbageCollector(this, layout).collect(roots, Duration.ofMinutes(1));
    }

    ContentLayout layout() {
        return layout;
    }
}

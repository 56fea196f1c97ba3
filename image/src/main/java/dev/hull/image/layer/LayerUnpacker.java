package dev.hull.image.layer;

import dev.hull.sys.FileNodes;
import dev.hull.sys.Libc;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Unpacks one layer blob (gzip, zstd or plain tar, told by its magic number) into a new
 * directory laid out for overlayfs, hashing it in the same single pass.
 *
 * <p>The streams, from the source up: the blob is hashed (blob digest), decompressed, hashed
 * again (diff ID), watched for raw PAX xattr records, and parsed by commons-compress. After
 * the tar's end marker both hashes still read their source to its end, because the digests
 * are of the whole blob and the whole tar, padding included.
 *
 * <p>The unpack goes into a temporary directory beside the target, renamed into place only
 * when the whole layer is written; on any failure the temporary directory is removed, so a
 * target either holds a complete layer or does not exist.
 *
 * <p>Limits: the regular files of one layer may add up to {@link #DEFAULT_MAX_UNPACKED_SIZE}
 * (64 GiB) of apparent size unless another limit is given; larger layers exist only as
 * decompression bombs in practice, and the limit is checked against each header's declared
 * size before any of that file is written. Runs of zeros are written as holes, so a sparse
 * file costs disk only for its data.
 */
public final class LayerUnpacker {
    /** 64 GiB: well above the largest layers real images ship, small enough to stop a bomb on most hosts. */
    public static final long DEFAULT_MAX_UNPACKED_SIZE = 64L << 30;

    private final long maxUnpackedSize;

    public LayerUnpacker() {
        this(DEFAULT_MAX_UNPACKED_SIZE);
    }

    /** @param maxUnpackedSize the most bytes of file contents (apparent size) one layer may unpack to */
    public LayerUnpacker(long maxUnpackedSize) {
        if (maxUnpackedSize < 0) {
            throw new IllegalArgumentException("maximum unpacked size must not be negative");
        }
        this.maxUnpackedSize = maxUnpackedSize;
    }

    /**
     * Unpacks {@code blob} into {@code target}, which must not exist yet (its parent must).
     * The stream is read to its end but not closed.
     *
     * @throws LayerUnpackException naming the offending entry, for a layer that is unsafe or
     *                              breaks a limit; {@code target} is then not created
     */
    public UnpackResult unpack(InputStream blob, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "layer target already exists");
        }
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".unpack-");
        boolean done = false;
        try {
            UnpackResult result = unpackInto(blob, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return result;
        } finally {
            if (!done) {
                Trees.deleteRecursively(tmp);
            }
        }
    }

    private UnpackResult unpackInto(InputStream blob, Path dir) throws IOException {
        // The temporary directory is created 0700; a layer without a root entry gets 0755.
        boolean privileged = Libc.geteuid() == 0;
        HashingInputStream compressed = new HashingInputStream(blob);
        Compression.Decompressed dec = Compression.open(compressed);
        HashingInputStream tarBytes = new HashingInputStream(dec.stream());
        PaxXattrTap tap = new PaxXattrTap(tarBytes);
        TarArchiveInputStream tar = new TarArchiveInputStream(tap);
        TarExtractor extractor;
        try (SafeTree tree = new SafeTree(dir.toString()); SparseCopier copier = new SparseCopier()) {
            FileNodes.chmodAt(tree.rootFd(), ".", 0755);
            extractor = new TarExtractor(tree, tap, copier, maxUnpackedSize, privileged);
            extractor.extractAll(tar);
        }
        tarBytes.drain();
        compressed.drain();
        return new UnpackResult(dec.compression(), compressed.digest(), compressed.count(), tarBytes.digest(),
                tarBytes.count(), extractor.unpackedBytes(), extractor.entries(), extractor.skippedDevices());
    }
}

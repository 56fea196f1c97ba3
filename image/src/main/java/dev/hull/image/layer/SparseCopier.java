package dev.hull.image.layer;

import dev.hull.sys.FileData;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Copies file contents from a stream to a descriptor, leaving holes where the contents
 * are zero: a block of zeros becomes a seek instead of a write, and trailing zeros an
 * ftruncate. So a sparse file in a layer (or a file of zeros) stays small on disk.
 *
 * <p>Blocks are 4 KiB at 4 KiB-aligned offsets, the granularity at which file systems
 * allocate; the read buffer is filled completely before scanning, which keeps blocks
 * aligned however the stream splits its reads.
 */
final class SparseCopier implements AutoCloseable {
    static final int BLOCK = 4096;
    private static final int BUFFER = 1 << 20;
    private static final byte[] ZEROS = new byte[BLOCK];

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment nativeBuf = arena.allocate(BUFFER, BLOCK);
    private final byte[] buf = new byte[BUFFER];

    /** Position and pending hole of the file being written. */
    private long position;
    private long hole;

    /** Starts a new file on {@code fd}, at offset 0. */
    void begin() {
        position = 0;
        hole = 0;
    }

    /** Appends {@code length} bytes of {@code in} to the file. */
    void copy(InputStream in, int fd, long length) throws IOException {
        long left = length;
        while (left > 0) {
            int want = (int) Math.min(BUFFER, left);
            int got = in.readNBytes(buf, 0, want);
            if (got < want) {
                throw new EOFException("layer ends inside a file's contents");
            }
            writeChunk(fd, got);
            left -= got;
        }
    }

    /** Appends {@code length} zero bytes without writing them. */
    void skipZeros(long length) {
        hole += length;
        position += length;
    }

    /** Ends the file at {@code size}, so a trailing hole counts in its length. */
    void finish(int fd, long size) {
        if (hole > 0 || position != size) {
            FileData.ftruncate(fd, size);
        }
    }

    private void writeChunk(int fd, int len) {
        int i = 0;
        while (i < len) {
            int blockLen = Math.min(BLOCK, len - i);
            if (isZero(i, blockLen)) {
                hole += blockLen;
                i += blockLen;
                continue;
            }
            // A run of non-zero blocks is written with one call.
            int start = i;
            i += blockLen;
            while (i < len) {
                int next = Math.min(BLOCK, len - i);
                if (isZero(i, next)) {
                    break;
                }
                i += next;
            }
            if (hole > 0) {
                FileData.lseek(fd, hole, FileData.SEEK_CUR);
                hole = 0;
            }
            MemorySegment.copy(buf, start, nativeBuf, JAVA_BYTE, 0, i - start);
            FileData.writeFully(fd, nativeBuf, i - start);
        }
        position += len;
    }

    private boolean isZero(int off, int len) {
        return Arrays.mismatch(buf, off, off + len, ZEROS, 0, len) < 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}

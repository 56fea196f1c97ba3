package dev.hull.image.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * How a layer blob is compressed, told by its first bytes rather than by its media type:
 * registries and archives in the wild label layers loosely (docker's own tar.gzip media type
 * is used for plain tars by some tools), while the magic numbers do not lie.
 */
public enum Compression {
    GZIP, ZSTD, NONE;

    private static final int GZIP_BUFFER = 64 * 1024;

    /** Detects the compression from the first bytes of a blob (at least 4 for a sure answer). */
    public static Compression detect(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * Looks at the first bytes of {@code in} without consuming them, and returns it with a
     * decompressor on top. Both gzip and zstd readers continue over concatenated members or
     * frames, as the formats allow.
     */
    public static Decompressed open(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, GZIP_BUFFER);
        buffered.mark(4);
        byte[] head = buffered.readNBytes(4);
        buffered.reset();
        Compression c = detect(head, head.length);
        InputStream out = switch (c) {
            case GZIP -> new GZIPInputStream(buffered, GZIP_BUFFER);
            case ZSTD -> new ZstdInputStreamNoFinalizer(buffered);
            case NONE -> buffered;
        };
        return new Decompressed(c, out);
    }

    /** A decompressing stream and the compression it undoes. */
    public record Decompressed(Compression compression, InputStream stream) {
    }
}

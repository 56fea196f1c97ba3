package dev.hull.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches the uncompressed tar stream on its way to commons-compress and keeps the raw
 * bytes of {@code SCHILY.xattr.*} PAX records.
 *
 * <p>Why: commons-compress decodes every PAX value as UTF-8 text, which corrupts binary
 * extended attributes such as {@code security.capability} (its bytes are rarely valid
 * UTF-8). GNU tar and Go's archive/tar write those values as raw bytes, so hull reads them
 * raw here and uses commons-compress for everything else.
 *
 * <p>The tap sits directly below {@code TarArchiveInputStream}, which reads a header and
 * nothing more before returning its entry; so when an entry is returned, {@link #current()}
 * holds the attributes of the PAX header that preceded that entry's header.
 */
final class PaxXattrTap extends FilterInputStream {
    private static final String PREFIX = "SCHILY.xattr.";
    /** PAX headers larger than this are not kept (commons-compress still parses them). */
    private static final int MAX_PAX = 1 << 20;
    private static final int BLOCK = 512;

    private enum State { HEADER, DATA, GNU_SPARSE_EXTENSION }

    private State state = State.HEADER;
    private final byte[] block = new byte[BLOCK];
    private int blockFill;
    /** Bytes of data (with padding) left in the current member. */
    private long dataLeft;
    /** Data bytes of the current member that are content, not padding. */
    private long contentLeft;
    private long pendingDataSize;
    private ByteArrayOutputStream capture;
    private Map<String, byte[]> pending = Map.of();
    private Map<String, byte[]> current = Map.of();

    PaxXattrTap(InputStream in) {
        super(in);
    }

    /** Raw extended attributes of the entry whose header was read last, by attribute name. */
    Map<String, byte[]> current() {
        return current;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            observe(new byte[]{(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            observe(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping past bytes would hide headers from the tap; read them instead.
        byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
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

    private void observe(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (state == State.DATA) {
                int take = (int) Math.min(dataLeft, end - i);
                if (capture != null && contentLeft > 0) {
                    int keep = (int) Math.min(contentLeft, take);
                    capture.write(b, i, keep);
                }
                contentLeft = Math.max(0, contentLeft - take);
                dataLeft -= take;
                i += take;
                if (dataLeft == 0) {
                    finishData();
                }
                continue;
            }
            int take = Math.min(BLOCK - blockFill, end - i);
            System.arraycopy(b, i, block, blockFill, take);
            blockFill += take;
            i += take;
            if (blockFill == BLOCK) {
                blockFill = 0;
                if (state == State.HEADER) {
                    header();
                } else {
                    sparseExtension();
                }
            }
        }
    }

    private void header() {
        if (isZero(block)) {
            return; // end-of-archive marker
        }
        byte type = block[156];
        long size = parseSize();
        if (type == 'x') {
            capture = size <= MAX_PAX ? new ByteArrayOutputStream((int) size) : null;
        } else if (type != 'g' && type != 'L' && type != 'K') {
            // An ordinary entry: the PAX records seen since the last one belong to it.
            current = pending;
            pending = Map.of();
            capture = null;
        } else {
            capture = null;
        }
        if (type == 'S' && block[482] != 0) {
            // Old GNU sparse: more sparse-map blocks follow before the data.
            pendingDataSize = size;
            state = State.GNU_SPARSE_EXTENSION;
            return;
        }
        startData(size);
    }

    private void sparseExtension() {
        if (block[504] == 0) {
            startData(pendingDataSize);
        }
    }

    private void startData(long size) {
        contentLeft = size;
        dataLeft = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (dataLeft == 0) {
            finishData();
        } else {
            state = State.DATA;
        }
    }

    private void finishData() {
        state = State.HEADER;
        if (capture != null) {
            // Several PAX headers in a row all apply to the entry after them.
            Map<String, byte[]> merged = new LinkedHashMap<>(pending);
            merged.putAll(parseRecords(capture.toByteArray()));
            pending = merged;
            capture = null;
        }
    }

    /** The size field: octal text, or base-256 when the high bit of its first byte is set. */
    private long parseSize() {
        if ((block[124] & 0x80) != 0) {
            long v = 0;
            for (int k = 125; k < 136; k++) {
                v = (v << 8) | (block[k] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int k = 124; k < 136; k++) {
            byte c = block[k];
            if (c >= '0' && c <= '7') {
                v = v * 8 + (c - '0');
            } else if (c == 0 || (c == ' ' && v > 0)) {
                break;
            }
        }
        return v;
    }

    /** PAX records are {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    static Map<String, byte[]> parseRecords(byte[] data) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int sp = pos;
            long len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && len < data.length) {
                len = len * 10 + (data[sp] - '0');
                sp++;
            }
            if (sp >= data.length || data[sp] != ' ' || len <= 0 || pos + len > data.length) {
                break; // malformed or padding: commons-compress reports it
            }
            int recordEnd = (int) (pos + len);
            int eq = sp + 1;
            while (eq < recordEnd && data[eq] != '=') {
                eq++;
            }
            if (eq < recordEnd) {
                String key = new String(data, sp + 1, eq - sp - 1, StandardCharsets.UTF_8);
                if (key.startsWith(PREFIX)) {
                    int valueEnd = data[recordEnd - 1] == '\n' ? recordEnd - 1 : recordEnd;
                    byte[] value = new byte[Math.max(0, valueEnd - eq - 1)];
                    System.arraycopy(data, eq + 1, value, 0, value.length);
                    out.put(key.substring(PREFIX.length()), value);
                }
            }
            pos = recordEnd;
        }
        return out;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}

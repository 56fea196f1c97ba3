package dev.hull.image.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A plain tar holding one file of {@code size} zero bytes, produced on the fly so a test can
 * feed a 10 GiB layer without storing it: this is what a sparse file on a build host becomes
 * in a layer made by tools that do not write sparse tar entries.
 */
final class ZeroFileTar extends InputStream {
    private final byte[] header = new byte[512];
    private final long total;
    private long pos;

    ZeroFileTar(String name, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setMode(0644);
        e.setSize(size);
        try {
            // star/GNU base-256 size field, as sizes over 8 GiB do not fit the octal one
            e.writeEntryHeader(header, org.apache.commons.compress.archivers.zip.ZipEncodingHelper.getZipEncoding("UTF-8"),
                    true);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        long padded = (size + 511) / 512 * 512;
        total = 512 + padded + 1024; // header, data, end-of-archive marker
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= total) {
            return -1;
        }
        int n = (int) Math.min(len, total - pos);
        Arrays.fill(b, off, off + n, (byte) 0);
        if (pos < 512) {
            int h = (int) Math.min(n, 512 - pos);
            System.arraycopy(header, (int) pos, b, off, h);
        }
        pos += n;
        return n;
    }
}

package dev.hull.image.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds layer tars in memory for tests. */
final class Tars {
    static final Instant T = Instant.parse("2020-02-03T04:05:06.5Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
    private final Map<String, byte[]> nextXattrs = new LinkedHashMap<>();
    /** A fractional mtime would make commons-compress add a second PAX header, splitting the sparse records. */
    private boolean sparseNext;

    Tars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** The next entry gets this extended attribute, written as a raw-byte SCHILY.xattr PAX record. */
    Tars xattr(String name, byte[] value) {
        nextXattrs.put("SCHILY.xattr." + name, value);
        return this;
    }

    Tars dir(String name, int mode) {
        return dir(name, mode, 0, 0);
    }

    Tars dir(String name, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        return put(e, null);
    }

    Tars file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    Tars file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setSize(content.length);
        return put(e, content);
    }

    Tars symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0777);
        return put(e, null);
    }

    Tars hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, null);
    }

    Tars device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(0620);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, null);
    }

    /**
     * A sparse file of {@code realSize} bytes whose only data is {@code data} at {@code offset},
     * in the PAX 1.0 sparse format GNU tar writes: the sparse map is text at the start of the
     * entry's data. commons-compress does not write sparse entries, so the records go in by hand.
     */
    Tars sparse(String name, long realSize, long offset, byte[] data) {
        // Like GNU tar, the map ends with an empty region at the real size.
        byte[] map = ("2\n" + offset + "\n" + data.length + "\n" + realSize + "\n0\n").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[512 + data.length];
        System.arraycopy(map, 0, content, 0, map.length);
        System.arraycopy(data, 0, content, 512, data.length);
        nextXattrs.put("GNU.sparse.major", "1".getBytes(StandardCharsets.US_ASCII));
        nextXattrs.put("GNU.sparse.minor", "0".getBytes(StandardCharsets.US_ASCII));
        nextXattrs.put("GNU.sparse.name", name.getBytes(StandardCharsets.UTF_8));
        nextXattrs.put("GNU.sparse.realsize", Long.toString(realSize).getBytes(StandardCharsets.US_ASCII));
        TarArchiveEntry e = new TarArchiveEntry("GNUSparseFile.0/" + name, TarConstants.LF_NORMAL);
        e.setMode(0644);
        e.setSize(content.length);
        sparseNext = true;
        return put(e, content);
    }

    private Tars put(TarArchiveEntry e, byte[] content) {
        try {
            e.setModTime(FileTime.from(sparseNext ? T.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : T));
            sparseNext = false;
            if (!nextXattrs.isEmpty()) {
                writePax(e.getName());
            }
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** commons-compress writes PAX values as UTF-8 text, so binary values get a hand-made 'x' member. */
    private void writePax(String name) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> x : nextXattrs.entrySet()) {
            byte[] key = x.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + x.getValue().length + 1; // " key=value\n"
            int len = body + Integer.toString(body).length();
            if (Integer.toString(len).length() != Integer.toString(body).length()) {
                len++;
            }
            records.write((len + " ").getBytes(StandardCharsets.US_ASCII));
            records.write(key);
            records.write('=');
            records.write(x.getValue());
            records.write('\n');
        }
        nextXattrs.clear();
        byte[] data = records.toByteArray();
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders.0/" + name, TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        pax.setSize(data.length);
        pax.setModTime(FileTime.from(T.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        tar.putArchiveEntry(pax);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    byte[] tar() {
        try {
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        return com.github.luben.zstd.Zstd.compress(data);
    }
}

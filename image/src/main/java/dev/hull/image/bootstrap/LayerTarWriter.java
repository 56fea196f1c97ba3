package dev.hull.image.bootstrap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

/**
 * Writes a layer tar with fixed owners (root) and one fixed time, so the same
 * inputs give the same bytes and so the same digests.
 */
final class LayerTarWriter implements AutoCloseable {

    private final TarArchiveOutputStream tar;
    private final Date time;

    LayerTarWriter(OutputStream out, Instant time) {
        this.tar = new TarArchiveOutputStream(out);
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.time = Date.from(time);
    }

    void dir(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        put(e, mode);
        tar.closeArchiveEntry();
    }

    void file(String name, int mode, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        put(e, mode);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    void file(String name, int mode, Path source) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(Files.size(source));
        put(e, mode);
        Files.copy(source, tar);
        tar.closeArchiveEntry();
    }

    void symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        put(e, 0777);
        tar.closeArchiveEntry();
    }

    private void put(TarArchiveEntry e, int mode) throws IOException {
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(time);
        tar.putArchiveEntry(e);
    }

    @Override
    public void close() throws IOException {
        tar.finish();
        tar.close();
    }
}

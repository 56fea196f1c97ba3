package dev.hull.image.layer;

import dev.hull.sys.Errno;
import dev.hull.sys.FileNodes;
import dev.hull.sys.FileStat;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.SyscallException;
import dev.hull.sys.Xattr;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the entries of one layer tar into a directory, turning whiteouts into what
 * overlayfs understands. Every file system change goes through a directory descriptor
 * from {@link SafeTree}, so no entry can write outside the root or through a link.
 *
 * <p>Later entries replace earlier ones of the same name, as with tar: the old entry is
 * removed first (a symbolic link is unlinked, never written through), except that a
 * directory entry over an existing directory only updates its attributes.
 */
final class TarExtractor {
    private static final System.Logger LOG = System.getLogger(TarExtractor.class.getName());
    private static final int FILE_FLAGS = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL
            | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC;

    private final SafeTree tree;
    private final PaxXattrTap tap;
    private final SparseCopier copier;
    private final long maxUnpackedSize;
    private final boolean privileged;

    private final List<DeferredDirectory> directories = new ArrayList<>();
    private long unpackedBytes;
    private long entries;
    private long skippedDevices;

    /** Mode and times of a directory, applied after everything inside it is written. */
    private record DeferredDirectory(List<String> path, int mode, Instant atime, Instant mtime) {
    }

    TarExtractor(SafeTree tree, PaxXattrTap tap, SparseCopier copier, long maxUnpackedSize,
                 boolean privileged) {
        this.tree = tree;
        this.tap = tap;
        this.copier = copier;
        this.maxUnpackedSize = maxUnpackedSize;
        this.privileged = privileged;
    }

    long unpackedBytes() {
        return unpackedBytes;
    }

    long entries() {
        return entries;
    }

    long skippedDevices() {
        return skippedDevices;
    }

    void extractAll(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry e;
        String last = null;
        while ((e = next(tar, last)) != null) {
            last = e.getName();
            entries++;
            try {
                extract(tar, e);
            } catch (SyscallException ex) {
                throw new LayerUnpackException(e.getName(), ex.getMessage(), ex);
            }
        }
        applyDirectoryAttributes();
    }

    /** The next entry; a malformed header is reported with the entry before it, the only name known. */
    private static TarArchiveEntry next(TarArchiveInputStream tar, String previous) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (LayerUnpackException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new LayerUnpackException(null, "malformed tar " + (previous == null ? "at the start"
                    : "after entry \"" + previous + "\"") + ": " + e.getMessage(), e);
        }
    }

    private void extract(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
        String raw = e.getName();
        EntryPath path = EntryPath.parse(raw);
        if (path.isRoot()) {
            if (!e.isDirectory()) {
                throw new LayerUnpackException(raw, "the layer root can only be a directory");
            }
            applyOwnerAndXattrs(tree.rootFd(), ".", e, false);
            directories.add(new DeferredDirectory(path.components(), e.getMode(), atime(e), mtime(e)));
            return;
        }
        String name = path.name();
        if (Whiteouts.isWhiteout(name)) {
            whiteout(path, raw);
            return;
        }
        int dir = tree.directory(path.parent(), true, raw);
        FileStat existing = FileNodes.lstatAtOrNull(dir, name);
        if (e.isDirectory()) {
            if (existing != null && !existing.isDirectory()) {
                remove(dir, name, existing);
                existing = null;
            }
            if (existing == null) {
                FileNodes.mkdirAt(dir, name, 0700);
            }
            applyOwnerAndXattrs(dir, name, e, false);
            directories.add(new DeferredDirectory(path.components(), e.getMode(), atime(e), mtime(e)));
            return;
        }
        if (existing != null) {
            remove(dir, name, existing);
        }
        if (e.isSymbolicLink()) {
            FileNodes.symlinkAt(e.getLinkName(), dir, name);
            applyOwnerAndXattrs(dir, name, e, true);
            setTimes(dir, name, e, true);
        } else if (e.isLink()) {
            hardLink(e, dir, name);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            if (!e.isFIFO() && !privileged) {
                skippedDevices++;
                LOG.log(System.Logger.Level.WARNING, "skipping device node \"{0}\": only root can create one", raw);
                return;
            }
            int type = e.isFIFO() ? FileNodes.S_IFIFO : e.isCharacterDevice() ? FileNodes.S_IFCHR : FileNodes.S_IFBLK;
            long dev = e.isFIFO() ? 0 : FileNodes.makedev(e.getDevMajor(), e.getDevMinor());
            FileNodes.mknodAt(dir, name, type | 0600, dev);
            finishAttributes(dir, name, e);
        } else if (e.isFile() || e.isSparse()) {
            regularFile(tar, e, dir, name);
            finishAttributes(dir, name, e);
        } else {
            throw new LayerUnpackException(raw, "unsupported tar entry type");
        }
    }

    private void whiteout(EntryPath path, String raw) throws LayerUnpackException {
        String name = path.name();
        int dir = tree.directory(path.parent(), true, raw);
        if (name.equals(Whiteouts.OPAQUE)) {
            Xattr.set(Xattr.inDirectory(dir, ""), Whiteouts.OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (name.startsWith(Whiteouts.META_PREFIX)) {
            return;
        }
        String hidden = name.substring(Whiteouts.PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw new LayerUnpackException(raw, "whiteout names no file");
        }
        FileStat existing = FileNodes.lstatAtOrNull(dir, hidden);
        if (existing != null) {
            remove(dir, hidden, existing);
        }
        FileNodes.mknodAt(dir, hidden, FileNodes.S_IFCHR, FileNodes.makedev(0, 0));
    }

    /**
     * A hard link's target is a path in the same layer, resolved by the same rules as entry
     * names: it must already exist, not be a directory, and be reached without links.
     */
    private void hardLink(TarArchiveEntry e, int dir, String name) throws LayerUnpackException {
        String raw = e.getName();
        EntryPath target;
        try {
            target = EntryPath.parse(e.getLinkName());
        } catch (LayerUnpackException bad) {
            throw new LayerUnpackException(raw, "hard link target \"" + e.getLinkName() + "\" leaves the layer");
        }
        if (target.isRoot()) {
            throw new LayerUnpackException(raw, "hard link to the layer root");
        }
        int targetDir = tree.directory(target.parent(), false, raw);
        FileStat st = targetDir < 0 ? null : FileNodes.lstatAtOrNull(targetDir, target.name());
        if (st == null) {
            throw new LayerUnpackException(raw, "hard link target \"" + e.getLinkName()
                    + "\" is not in the layer (only earlier entries can be linked to)");
        }
        if (st.isDirectory()) {
            throw new LayerUnpackException(raw, "hard link target \"" + e.getLinkName() + "\" is a directory");
        }
        FileNodes.linkAt(targetDir, target.name(), dir, name, 0);
    }

    private void regularFile(TarArchiveInputStream tar, TarArchiveEntry e, int dir, String name) throws IOException {
        long size = e.isSparse() ? e.getRealSize() : e.getSize();
        if (size < 0 || size > maxUnpackedSize - unpackedBytes) {
            throw new LayerUnpackException(e.getName(), "file of " + size + " bytes takes the layer over its limit of "
                    + maxUnpackedSize + " unpacked bytes");
        }
        unpackedBytes += size;
        int fd = FileNodes.openAt(dir, name, FILE_FLAGS, 0600);
        try {
            copier.begin();
            if (e.isSparse()) {
                copySparse(tar, e, fd, size);
            } else {
                copier.copy(tar, fd, size);
            }
            copier.finish(fd, size);
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * A sparse entry lists where its data lies; the gaps are skipped in the stream
     * (commons-compress would otherwise produce them one zero byte at a time) and left as
     * holes in the file.
     */
    private void copySparse(TarArchiveInputStream tar, TarArchiveEntry e, int fd, long size) throws IOException {
        long pos = 0;
        for (TarArchiveStructSparse s : e.getOrderedSparseHeaders()) {
            if (s.getOffset() < pos || s.getNumbytes() < 0 || s.getOffset() + s.getNumbytes() > size) {
                throw new LayerUnpackException(e.getName(), "sparse map is out of order or beyond the file size");
            }
            skipFully(tar, s.getOffset() - pos, e);
            copier.skipZeros(s.getOffset() - pos);
            copier.copy(tar, fd, s.getNumbytes());
            pos = s.getOffset() + s.getNumbytes();
        }
        copier.skipZeros(size - pos);
    }

    private static void skipFully(TarArchiveInputStream tar, long n, TarArchiveEntry e) throws IOException {
        long left = n;
        while (left > 0) {
            long s = tar.skip(left);
            if (s <= 0) {
                throw new LayerUnpackException(e.getName(), "layer ends inside a sparse file");
            }
            left -= s;
        }
    }

    /** Owner, mode (which chown would clear set-id bits from), extended attributes, times. */
    private void finishAttributes(int dir, String name, TarArchiveEntry e) throws LayerUnpackException {
        applyOwnerAndXattrs(dir, name, e, false);
        setTimes(dir, name, e, false);
    }

    /**
     * Owner first, then mode, then extended attributes: chown clears set-id bits and
     * {@code security.capability}, so those must come after it.
     */
    private void applyOwnerAndXattrs(int dir, String name, TarArchiveEntry e, boolean symlink)
            throws LayerUnpackException {
        if (privileged) {
            FileNodes.chownAt(dir, name, (int) e.getLongUserId(), (int) e.getLongGroupId(),
                    FileNodes.AT_SYMLINK_NOFOLLOW);
        }
        if (!symlink && !e.isDirectory()) {
            FileNodes.chmodAt(dir, name, e.getMode() & 07777);
        }
        for (Map.Entry<String, byte[]> x : xattrs(e).entrySet()) {
            String attr = x.getKey();
            if (!privileged && !attr.startsWith("user.")) {
                LOG.log(System.Logger.Level.WARNING, "skipping extended attribute {0} of \"{1}\": only root can set it",
                        attr, e.getName());
                continue;
            }
            String path = name.equals(".") ? Xattr.inDirectory(dir, "") : Xattr.inDirectory(dir, name);
            Xattr.set(path, attr, x.getValue());
        }
    }

    /**
     * Extended attributes from PAX records: {@code SCHILY.xattr.NAME} (raw bytes, read by
     * {@link PaxXattrTap}) and libarchive's {@code LIBARCHIVE.xattr.NAME} (URL-encoded name,
     * base64 value).
     */
    private Map<String, byte[]> xattrs(TarArchiveEntry e) throws LayerUnpackException {
        Map<String, byte[]> out = new LinkedHashMap<>(tap.current());
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith("LIBARCHIVE.xattr.")) {
                try {
                    String attr = java.net.URLDecoder.decode(h.getKey().substring("LIBARCHIVE.xattr.".length()),
                            StandardCharsets.UTF_8);
                    out.putIfAbsent(attr, Base64.getDecoder().decode(h.getValue().strip()));
                } catch (IllegalArgumentException bad) {
                    throw new LayerUnpackException(e.getName(), "malformed " + h.getKey() + " record");
                }
            }
        }
        return out;
    }

    private void setTimes(int dir, String name, TarArchiveEntry e, boolean symlink) {
        Instant a = atime(e);
        Instant m = mtime(e);
        FileNodes.utimensAt(dir, name, a.getEpochSecond(), a.getNano(), m.getEpochSecond(), m.getNano(),
                FileNodes.AT_SYMLINK_NOFOLLOW);
    }

    private static Instant mtime(TarArchiveEntry e) {
        FileTime t = e.getLastModifiedTime();
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    private static Instant atime(TarArchiveEntry e) {
        FileTime t = e.getLastAccessTime();
        return t == null ? mtime(e) : t.toInstant();
    }

    /** Removes an existing entry that a later one replaces; a directory goes with its contents. */
    private void remove(int dir, String name, FileStat existing) throws LayerUnpackException {
        if (!existing.isDirectory()) {
            FileNodes.unlinkAt(dir, name, 0);
            return;
        }
        // The descriptors kept for paths inside it would point into a removed directory.
        tree.forgetAll();
        try {
            Trees.deleteRecursively(java.nio.file.Path.of(Xattr.inDirectory(dir, name)));
        } catch (IOException ex) {
            throw new LayerUnpackException(name, "cannot remove directory to replace it: " + ex.getMessage(), ex);
        }
    }

    /**
     * Directory modes and times last: adding entries changes a directory's mtime, and a
     * read-only directory mode would stop an unprivileged unpack from adding them.
     * Directories a later entry replaced are skipped.
     */
    private void applyDirectoryAttributes() {
        for (DeferredDirectory d : directories.reversed()) {
            EntryPath p = new EntryPath(d.path());
            int dir;
            try {
                dir = tree.directory(p.parent(), false, p.toString());
            } catch (LayerUnpackException replacedByLink) {
                continue;
            }
            if (dir < 0) {
                continue;
            }
            String name = p.isRoot() ? "." : p.name();
            FileStat st = FileNodes.lstatAtOrNull(dir, name);
            if (st == null || !st.isDirectory()) {
                continue;
            }
            FileNodes.chmodAt(dir, name, d.mode() & 07777);
            FileNodes.utimensAt(dir, name, d.atime().getEpochSecond(), d.atime().getNano(),
                    d.mtime().getEpochSecond(), d.mtime().getNano(), FileNodes.AT_SYMLINK_NOFOLLOW);
        }
    }
}

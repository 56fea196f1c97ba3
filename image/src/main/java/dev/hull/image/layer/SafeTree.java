package dev.hull.image.layer;

import dev.hull.sys.Errno;
import dev.hull.sys.FileNodes;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.SyscallException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens directories below a root one component at a time, never following a symbolic
 * link, so that no entry of a layer can reach outside the root however its earlier
 * entries arranged links.
 *
 * <p>Each component is opened with {@code O_PATH | O_NOFOLLOW | O_DIRECTORY}: a symbolic
 * link or a non-directory there fails with ELOOP or ENOTDIR instead of being followed.
 * (openat2 with {@code RESOLVE_IN_ROOT} would instead follow links while keeping them
 * inside the root; a layer that writes through its own links is unusual enough that
 * refusing it is the safer and clearer choice.)
 *
 * <p>Tar archives list a directory's files together, so recently opened directories are
 * kept open, keyed by path; {@link #forgetAll} drops them when a directory is removed,
 * since a kept descriptor would then point to a directory no longer in the tree.
 */
final class SafeTree implements AutoCloseable {
    private static final int DIR_FLAGS = OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW | OpenFlags.O_DIRECTORY
            | OpenFlags.O_CLOEXEC;
    private static final int MAX_OPEN = 64;

    private final int rootFd;
    private final Map<String, Integer> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            if (size() > MAX_OPEN) {
                Libc.closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    SafeTree(String root) {
        this.rootFd = Libc.open(root, DIR_FLAGS, 0);
    }

    int rootFd() {
        return rootFd;
    }

    /**
     * The descriptor of the directory {@code dirs} below the root, owned by this tree (do not
     * close it). Missing directories are created with mode 0755 when {@code create} is set;
     * otherwise a missing directory gives -1.
     *
     * @throws LayerUnpackException naming {@code entry} when a component is a symbolic link or
     *                              not a directory
     */
    int directory(List<String> dirs, boolean create, String entry) throws LayerUnpackException {
        if (dirs.isEmpty()) {
            return rootFd;
        }
        String key = String.join("/", dirs);
        Integer known = open.get(key);
        if (known != null) {
            return known;
        }
        int parent = directory(dirs.subList(0, dirs.size() - 1), create, entry);
        if (parent < 0) {
            return -1;
        }
        String name = dirs.getLast();
        int fd = openChild(parent, name, create, entry, key);
        if (fd >= 0) {
            open.put(key, fd);
        }
        return fd;
    }

    private int openChild(int parent, String name, boolean create, String entry, String path)
            throws LayerUnpackException {
        try {
            return FileNodes.openAt(parent, name, DIR_FLAGS, 0);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT && create) {
                try {
                    FileNodes.mkdirAt(parent, name, 0755);
                    return FileNodes.openAt(parent, name, DIR_FLAGS, 0);
                } catch (SyscallException e2) {
                    throw new LayerUnpackException(entry, "cannot create directory \"" + path + "\": " + e2.getMessage(), e2);
                }
            }
            if (e.errno() == Errno.ENOENT) {
                return -1;
            }
            throw new LayerUnpackException(entry, switch (e.errno()) {
                case Errno.ELOOP, Errno.ENOTDIR -> "\"" + path + "\" is a symbolic link or not a directory;"
                        + " entries are never written through links";
                default -> "cannot open \"" + path + "\": " + e.getMessage();
            }, e);
        }
    }

    /** Closes every kept directory except the root. */
    void forgetAll() {
        open.values().forEach(Libc::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        forgetAll();
        Libc.closeQuietly(rootFd);
    }
}

package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Creating, linking, removing and changing the metadata of directory entries, always
 * relative to an open directory ({@code *at} calls).
 *
 * <p>Working from a directory descriptor, one name at a time, is what lets a caller walk an
 * untrusted tree without ever following a symbolic link it did not mean to: each parent is
 * opened with {@code O_NOFOLLOW}, and the final name is acted on with
 * {@code AT_SYMLINK_NOFOLLOW} or a call that never follows it (mknodat, symlinkat, unlinkat).
 */
public final class FileNodes {
    /** Act on a symbolic link itself, not on what it points to. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** unlinkat: remove a directory (it must be empty). */
    public static final int AT_REMOVEDIR = 0x200;
    /** Act on the descriptor itself when the name is empty. */
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    private FileNodes() {}

    private static final class OpenAt {
        // openat is variadic: the mode is the first variadic argument.
        static final MethodHandle H = Native.bindErrno("openat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    }

    private static final class MkdirAt {
        static final MethodHandle H = Native.bindErrno("mkdirat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class MknodAt {
        static final MethodHandle H = Native.bindErrno("mknodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    }

    private static final class SymlinkAt {
        static final MethodHandle H = Native.bindErrno("symlinkat", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    }

    private static final class LinkAt {
        static final MethodHandle H = Native.bindErrno("linkat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class UnlinkAt {
        static final MethodHandle H = Native.bindErrno("unlinkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class FchownAt {
        static final MethodHandle H = Native.bindErrno("fchownat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class FchmodAt {
        static final MethodHandle H = Native.bindErrno("fchmodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class UtimensAt {
        static final MethodHandle H = Native.bindErrno("utimensat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    /** openat(2); flags from {@link OpenFlags}. Returns the new descriptor. */
    public static int openAt(int dirfd, String name, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            return (int) Native.retrying(arena, () -> "openat(" + dirfd + ", " + Native.quote(name) + ", "
                            + OpenFlags.describe(flags) + ", " + Native.octal(mode) + ")",
                    s -> (int) OpenAt.H.invokeExact(s, dirfd, cname, flags, mode));
        }
    }

    /** mkdirat(2). */
    public static void mkdirAt(int dirfd, String name, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "mkdirat(" + dirfd + ", " + Native.quote(name) + ", " + Native.octal(mode) + ")",
                    s -> (int) MkdirAt.H.invokeExact(s, dirfd, cname, mode));
        }
    }

    /** mknodat(2): {@code mode} holds the file type ({@link #S_IFCHR}, ...) and permissions. */
    public static void mknodAt(int dirfd, String name, int mode, long dev) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "mknodat(" + dirfd + ", " + Native.quote(name) + ", " + Native.octal(mode)
                            + ", 0x" + Long.toHexString(dev) + ")",
                    s -> (int) MknodAt.H.invokeExact(s, dirfd, cname, mode, dev));
        }
    }

    /** The dev_t for a device number, encoded as glibc's makedev does. */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** symlinkat(2): creates {@code name} in {@code dirfd} holding {@code target}, which is not looked at. */
    public static void symlinkAt(String target, int dirfd, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctarget = Native.cString(arena, target);
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "symlinkat(" + Native.quote(target) + ", " + dirfd + ", " + Native.quote(name) + ")",
                    s -> (int) SymlinkAt.H.invokeExact(s, ctarget, dirfd, cname));
        }
    }

    /** linkat(2); with flags 0 a symbolic link at the old name is linked itself, not followed. */
    public static void linkAt(int oldDirfd, String oldName, int newDirfd, String newName, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cold = Native.cString(arena, oldName);
            MemorySegment cnew = Native.cString(arena, newName);
            Native.check(arena, () -> "linkat(" + oldDirfd + ", " + Native.quote(oldName) + ", " + newDirfd + ", "
                            + Native.quote(newName) + ", " + flags + ")",
                    s -> (int) LinkAt.H.invokeExact(s, oldDirfd, cold, newDirfd, cnew, flags));
        }
    }

    /** unlinkat(2); pass {@link #AT_REMOVEDIR} for an (empty) directory. */
    public static void unlinkAt(int dirfd, String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "unlinkat(" + dirfd + ", " + Native.quote(name) + ", " + flags + ")",
                    s -> (int) UnlinkAt.H.invokeExact(s, dirfd, cname, flags));
        }
    }

    /** fchownat(2); pass {@link #AT_SYMLINK_NOFOLLOW} to change a symbolic link itself. */
    public static void chownAt(int dirfd, String name, int uid, int gid, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "fchownat(" + dirfd + ", " + Native.quote(name) + ", " + Integer.toUnsignedString(uid)
                            + ", " + Integer.toUnsignedString(gid) + ", " + flags + ")",
                    s -> (int) FchownAt.H.invokeExact(s, dirfd, cname, uid, gid, flags));
        }
    }

    /**
     * fchmodat(2) without flags. Linux cannot change the mode of a symbolic link, so this
     * is only for names the caller knows are not one.
     */
    public static void chmodAt(int dirfd, String name, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            Native.check(arena, () -> "fchmodat(" + dirfd + ", " + Native.quote(name) + ", " + Native.octal(mode) + ")",
                    s -> (int) FchmodAt.H.invokeExact(s, dirfd, cname, mode, 0));
        }
    }

    /** utimensat(2): sets access and modification times, in seconds and nanoseconds since the epoch. */
    public static void utimensAt(int dirfd, String name, long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec,
                                 int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            MemorySegment times = arena.allocate(JAVA_LONG, 4);
            times.setAtIndex(JAVA_LONG, 0, atimeSec);
            times.setAtIndex(JAVA_LONG, 1, atimeNsec);
            times.setAtIndex(JAVA_LONG, 2, mtimeSec);
            times.setAtIndex(JAVA_LONG, 3, mtimeNsec);
            Native.check(arena, () -> "utimensat(" + dirfd + ", " + Native.quote(name) + ", {" + atimeSec + ", "
                            + mtimeSec + "}, " + flags + ")",
                    s -> (int) UtimensAt.H.invokeExact(s, dirfd, cname, times, flags));
        }
    }

    /** Metadata of {@code name} in {@code dirfd}, not following a final symbolic link. */
    public static FileStat lstatAt(int dirfd, String name) {
        return StatxCall.statx(dirfd, name, AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? AT_EMPTY_PATH : 0));
    }

    /** Like {@link #lstatAt}, but null when nothing has that name. */
    public static FileStat lstatAtOrNull(int dirfd, String name) {
        try {
            return lstatAt(dirfd, name);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }
}

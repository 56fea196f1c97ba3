package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Extended attributes of a path, never following a final symbolic link (the l*xattr calls).
 *
 * <p>There is no {@code setxattrat} in glibc, so callers holding a directory descriptor
 * name an entry as {@link #inDirectory}: {@code /proc/self/fd/N/name}. The kernel resolves
 * the /proc link to exactly the open directory, so no component of the original path is
 * looked up again.
 */
public final class Xattr {
    private Xattr() {}

    private static final class LSet {
        static final MethodHandle H = Native.bindErrno("lsetxattr",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private static final class LGet {
        static final MethodHandle H = Native.bindErrno("lgetxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    }

    private static final class LList {
        static final MethodHandle H = Native.bindErrno("llistxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    }

    /** The path of {@code name} inside the open directory {@code dirfd}; an empty name means the directory. */
    public static String inDirectory(int dirfd, String name) {
        // For the directory itself, "/." makes the kernel step through the /proc link instead
        // of acting on the link as l*xattr would.
        return name.isEmpty() ? "/proc/self/fd/" + dirfd + "/." : "/proc/self/fd/" + dirfd + "/" + name;
    }

    /** lsetxattr(2) with flags 0 (create or replace). */
    public static void set(String path, String name, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = Native.cString(arena, path);
            MemorySegment cname = Native.cString(arena, name);
            MemorySegment cvalue = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, cvalue, JAVA_BYTE, 0, value.length);
            Native.check(arena, () -> "lsetxattr(" + Native.quote(path) + ", " + Native.quote(name) + ", "
                            + value.length + " bytes)",
                    s -> (int) LSet.H.invokeExact(s, cpath, cname, cvalue, (long) value.length, 0));
        }
    }

    /** lgetxattr(2): the value, or null when the attribute is not set. */
    public static byte[] get(String path, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = Native.cString(arena, path);
            MemorySegment cname = Native.cString(arena, name);
            MemorySegment buf = arena.allocate(65536); // XATTR_SIZE_MAX
            long n;
            try {
                n = Native.check(arena, () -> "lgetxattr(" + Native.quote(path) + ", " + Native.quote(name) + ")",
                        s -> (long) LGet.H.invokeExact(s, cpath, cname, buf, buf.byteSize()));
            } catch (SyscallException e) {
                if (e.errno() == ENODATA) {
                    return null;
                }
                throw e;
            }
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    /** llistxattr(2): the attribute names. */
    public static List<String> list(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = Native.cString(arena, path);
            MemorySegment buf = arena.allocate(65536);
            long n = Native.check(arena, () -> "llistxattr(" + Native.quote(path) + ")",
                    s -> (long) LList.H.invokeExact(s, cpath, buf, buf.byteSize()));
            byte[] all = buf.asSlice(0, n).toArray(JAVA_BYTE);
            List<String> names = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    names.add(new String(all, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return names;
        }
    }

    /** errno when an attribute is not set (ENODATA; ENOATTR is the same number on Linux). */
    public static final int ENODATA = 61;
}

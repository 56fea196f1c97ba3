package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * statx(2). Chosen over fstatat because struct statx has one layout on every
 * architecture, while struct stat differs between x86_64 and aarch64.
 */
final class StatxCall {
    private StatxCall() {}

    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final long STRUCT_SIZE = 256;

    private static final class Statx {
        static final MethodHandle H = Native.bindErrno("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    static FileStat statx(int dirfd, String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = Native.cString(arena, name);
            MemorySegment buf = arena.allocate(STRUCT_SIZE, 8);
            Native.check(arena, () -> "statx(" + dirfd + ", " + Native.quote(name) + ", " + flags + ")",
                    s -> (int) Statx.H.invokeExact(s, dirfd, cname, flags, STATX_BASIC_STATS, buf));
            // Offsets from include/uapi/linux/stat.h (struct statx).
            return new FileStat(
                    Short.toUnsignedInt(buf.get(JAVA_SHORT, 28)),
                    buf.get(JAVA_LONG, 32),
                    buf.get(JAVA_INT, 16),
                    buf.get(JAVA_INT, 20),
                    buf.get(JAVA_INT, 24),
                    buf.get(JAVA_LONG, 40),
                    buf.get(JAVA_LONG, 48),
                    buf.get(JAVA_INT, 128),
                    buf.get(JAVA_INT, 132),
                    buf.get(JAVA_LONG, 112),
                    buf.get(JAVA_INT, 120),
                    Integer.toUnsignedLong(buf.get(JAVA_INT, 136)),
                    Integer.toUnsignedLong(buf.get(JAVA_INT, 140)));
        }
    }
}

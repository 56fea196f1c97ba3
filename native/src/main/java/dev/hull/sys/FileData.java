package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Writing file contents through a descriptor from native memory, with the two calls that
 * make sparse files: lseek past the end (leaving a hole) and ftruncate (a hole at the end).
 *
 * <p>The caller owns the buffer, so a long copy reuses one native segment instead of
 * allocating per write as {@link Libc#writeFully} does.
 */
public final class FileData {
    private FileData() {}

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;

    private static final class Write {
        static final MethodHandle H = Native.bindErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Lseek {
        static final MethodHandle H = Native.bindErrno("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    }

    private static final class Ftruncate {
        static final MethodHandle H = Native.bindErrno("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    /** Writes the first {@code len} bytes of {@code buf}, looping over short writes. Retries EINTR. */
    public static void writeFully(int fd, MemorySegment buf, long len) {
        try (Arena arena = Arena.ofConfined()) {
            long done = 0;
            while (done < len) {
                MemorySegment rest = buf.asSlice(done);
                long remaining = len - done;
                done += Native.retrying(arena, () -> "write(" + fd + ", " + remaining + ")",
                        s -> (long) Write.H.invokeExact(s, fd, rest, remaining));
            }
        }
    }

    /** lseek(2); returns the new offset. */
    public static long lseek(int fd, long offset, int whence) {
        try (Arena arena = Arena.ofConfined()) {
            return Native.check(arena, () -> "lseek(" + fd + ", " + offset + ", " + whence + ")",
                    s -> (long) Lseek.H.invokeExact(s, fd, offset, whence));
        }
    }

    /** ftruncate(2). */
    public static void ftruncate(int fd, long length) {
        try (Arena arena = Arena.ofConfined()) {
            Native.retrying(arena, () -> "ftruncate(" + fd + ", " + length + ")",
                    s -> (int) Ftruncate.H.invokeExact(s, fd, length));
        }
    }
}

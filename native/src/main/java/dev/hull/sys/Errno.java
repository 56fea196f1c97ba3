package dev.hull.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Linux errno values the engine tests for, and their descriptions.
 *
 * <p>The numbers are the generic Linux ones, identical on x86_64 and aarch64.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int EMSGSIZE = 90;
    public static final int ECONNREFUSED = 111;

    private Errno() {}

    /**
     * The C library's text for {@code errno}, e.g. "No such file or directory".
     * Never throws: it is called while building exceptions.
     */
    public static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.H.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return "Unknown error " + errno; // strerrordesc_np has no text for this number
            }
            // The returned string has no declared size; it is NUL-terminated static storage.
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /**
     * Bound on first use only. glibc's strerrordesc_np (2.32+) is preferred because it is
     * thread-safe and never translated: the JVM calls setlocale(LC_ALL, ""), so plain
     * strerror could answer in the user's language and mix languages into our messages.
     */
    private static final class Strerror {
        static final MethodHandle H = Native.bind(
                Native.find("strerrordesc_np").isPresent() ? "strerrordesc_np" : "strerror",
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }
}

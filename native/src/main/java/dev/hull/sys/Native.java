package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The plumbing shared by the binding classes: finding and binding libc symbols,
 * capturing errno, turning failures into {@link SyscallException}, and C strings.
 */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();

    /** The default lookup of the native linker covers libc on Linux. */
    private static final SymbolLookup LIBC = LINKER.defaultLookup();

    /**
     * errno must be read by the linker right after the call returns: by the time Java code
     * runs, the JVM may have made other libc calls on this thread that overwrote it.
     */
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CAPTURE_LAYOUT.byteOffset(PathElement.groupElement("errno"));

    static {
        // The struct layouts in this package are written for LP64 (x86_64, aarch64).
        if (ADDRESS.byteSize() != 8) {
            throw new ExceptionInInitializerError("hull-native supports 64-bit Linux only");
        }
    }

    private Native() {}

    /** A downcall whose result is checked; it receives the errno capture segment. */
    @FunctionalInterface
    interface Call {
        long invoke(MemorySegment errnoState) throws Throwable;
    }

    /** A downcall that does not report through errno. */
    @FunctionalInterface
    interface PlainCall {
        long invoke() throws Throwable;
    }

    static Optional<MemorySegment> find(String name) {
        return LIBC.find(name);
    }

    /** Binds a libc function that reports errors by its return value, not errno. */
    static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    /**
     * Binds a libc function that sets errno. The handle takes the capture segment as an
     * extra first argument; pass the one {@link #check} or {@link #retrying} hands to the call.
     */
    static MethodHandle bindErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol(name), descriptor, all);
    }

    private static MemorySegment symbol(String name) {
        return find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /**
     * Runs a call that returns -1 and sets errno on failure, once.
     * @param what the call with its arguments, for the exception message; only built on failure
     */
    static long check(Arena arena, Supplier<String> what, Call call) {
        return run(arena, what, call, false);
    }

    /**
     * Like {@link #check}, but repeats the call when a signal interrupted it (EINTR).
     * Only for calls that are safe to repeat as they are.
     */
    static long retrying(Arena arena, Supplier<String> what, Call call) {
        return run(arena, what, call, true);
    }

    private static long run(Arena arena, Supplier<String> what, Call call, boolean retryEintr) {
        MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        while (true) {
            long result = invoke(() -> call.invoke(state));
            if (result != -1) {
                return result;
            }
            int errno = state.get(JAVA_INT, ERRNO_OFFSET);
            if (!retryEintr || errno != Errno.EINTR) {
                throw new SyscallException(what.get(), errno);
            }
        }
    }

    /** Runs a call that does not use errno, such as the posix_spawn family. */
    static long invoke(PlainCall call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unexpected exception from a native call", t);
        }
    }

    /**
     * A NUL-terminated UTF-8 copy of {@code s}, or NULL for null. A string containing NUL
     * is refused: C would silently see only its first part, e.g. another path.
     */
    static MemorySegment cString(Arena arena, String s) {
        if (s == null) {
            return MemorySegment.NULL;
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string contains a NUL character: " + quote(s));
        }
        return arena.allocateFrom(s);
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    static MemorySegment cStringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L); // zeroed: last is NULL
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, cString(arena, strings.get(i)));
        }
        return array;
    }

    /** A string as it would appear in C source, for messages: {@code "/a/b"}, or null. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A mode as C programmers write it: 0600. */
    static String octal(int mode) {
        return mode == 0 ? "0" : "0" + Integer.toOctalString(mode);
    }
}

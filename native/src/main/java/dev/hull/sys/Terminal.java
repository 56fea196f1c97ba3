package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The caller's terminal: whether a descriptor is one, raw mode (cfmakeraw) and back,
 * and its size (TIOCGWINSZ), for an interactive session with a container.
 */
public final class Terminal {

    /** sizeof(struct termios) is 60 on Linux; a little more room costs nothing. */
    private static final int TERMIOS_SIZE = 64;
    private static final int TCSANOW = 0;
    private static final long TIOCGWINSZ = 0x5413;

    private static final class IsAtty {
        static final MethodHandle H = Native.bind("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class TcGetAttr {
        static final MethodHandle H = Native.bindErrno("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class TcSetAttr {
        static final MethodHandle H = Native.bindErrno("tcsetattr",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class CfMakeRaw {
        static final MethodHandle H = Native.bind("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    }

    private static final class Ioctl {
        static final MethodHandle H = Native.bindErrno("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
                ADDRESS), Linker.Option.firstVariadicArg(2));
    }

    private Terminal() {
    }

    public static boolean isTerminal(int fd) {
        try {
            return (int) IsAtty.H.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Puts {@code fd} in raw mode; returns the settings to give back to {@link #restore}. */
    public static byte[] makeRaw(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(TERMIOS_SIZE);
            Native.check(arena, () -> "tcgetattr(" + fd + ")", s -> (int) TcGetAttr.H.invokeExact(s, fd, t));
            byte[] saved = t.toArray(JAVA_BYTE);
            try {
                CfMakeRaw.H.invokeExact(t);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            Native.check(arena, () -> "tcsetattr(" + fd + ", TCSANOW, raw)",
                    s -> (int) TcSetAttr.H.invokeExact(s, fd, TCSANOW, t));
            return saved;
        }
    }

    public static void restore(int fd, byte[] saved) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(TERMIOS_SIZE);
            MemorySegment.copy(saved, 0, t, JAVA_BYTE, 0, Math.min(saved.length, TERMIOS_SIZE));
            Native.check(arena, () -> "tcsetattr(" + fd + ", TCSANOW)",
                    s -> (int) TcSetAttr.H.invokeExact(s, fd, TCSANOW, t));
        }
    }

    /** {rows, cols} of the terminal on {@code fd}. */
    public static int[] size(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(8);
            Native.check(arena, () -> "ioctl(" + fd + ", TIOCGWINSZ)",
                    s -> (int) Ioctl.H.invokeExact(s, fd, TIOCGWINSZ, ws));
            return new int[] {Short.toUnsignedInt(ws.get(JAVA_SHORT, 0)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 2))};
        }
    }
}

package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * File descriptor calls: open, read, write, close, pipe, mkfifo, poll.
 *
 * <p>Each function is bound in its own holder class, so only the calls a process actually
 * makes cost it a downcall stub. Java arrays are copied through native memory because
 * the heap may move during a call that blocks (read on a pipe).
 */
final class FdCalls {
    private FdCalls() {}

    private static final class Open {
        // open is variadic: the mode is the first variadic argument.
        static final MethodHandle H = Native.bindErrno("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    private static final class Read {
        static final MethodHandle H = Native.bindErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Write {
        static final MethodHandle H = Native.bindErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Close {
        static final MethodHandle H = Native.bindErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Pipe2 {
        static final MethodHandle H = Native.bindErrno("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Mkfifo {
        static final MethodHandle H = Native.bindErrno("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Eventfd {
        static final MethodHandle H = Native.bindErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class PollCall {
        static final MethodHandle H = Native.bindErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    /** struct pollfd. */
    private static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    private static final long POLLFD_FD = POLLFD.byteOffset(PathElement.groupElement("fd"));
    private static final long POLLFD_EVENTS = POLLFD.byteOffset(PathElement.groupElement("events"));
    private static final long POLLFD_REVENTS = POLLFD.byteOffset(PathElement.groupElement("revents"));

    static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = Native.cString(arena, path);
            // Opening a FIFO blocks until the other end opens, so a signal can interrupt it.
            return (int) Native.retrying(arena, () -> describeOpen(path, flags, mode),
                    s -> (int) Open.H.invokeExact(s, cpath, flags, mode));
        }
    }

    private static String describeOpen(String path, int flags, int mode) {
        String call = "open(" + Native.quote(path) + ", " + OpenFlags.describe(flags);
        return (flags & OpenFlags.O_CREAT) != 0 ? call + ", " + Native.octal(mode) + ")" : call + ")";
    }

    static int read(int fd, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mem = arena.allocate(Math.max(len, 1));
            int n = (int) Native.retrying(arena, () -> "read(" + fd + ", " + len + ")",
                    s -> (long) Read.H.invokeExact(s, fd, mem, (long) len));
            MemorySegment.copy(mem, JAVA_BYTE, 0, buf, off, n);
            return n;
        }
    }

    static void writeFully(int fd, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mem = arena.allocate(Math.max(len, 1));
            MemorySegment.copy(buf, off, mem, JAVA_BYTE, 0, len);
            long done = 0;
            while (done < len) {
                MemorySegment rest = mem.asSlice(done);
                long remaining = len - done;
                done += Native.retrying(arena, () -> "write(" + fd + ", " + remaining + ")",
                        s -> (long) Write.H.invokeExact(s, fd, rest, remaining));
            }
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            Native.check(arena, () -> "close(" + fd + ")", s -> (int) Close.H.invokeExact(s, fd));
        } catch (SyscallException e) {
            // On Linux the fd is released even when close reports EINTR; retrying could
            // close an fd another thread has just been given.
            if (e.errno() != Errno.EINTR) {
                throw e;
            }
        }
    }

    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (SyscallException ignored) {
            // Used on cleanup paths, where the original failure matters more.
        }
    }

    static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Native.check(arena, () -> "pipe2(O_CLOEXEC)",
                    s -> (int) Pipe2.H.invokeExact(s, fds, OpenFlags.O_CLOEXEC));
            return fds.toArray(JAVA_INT);
        }
    }

    static int eventfd() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) Native.check(arena, () -> "eventfd(0, EFD_CLOEXEC)",
                    s -> (int) Eventfd.H.invokeExact(s, 0, OpenFlags.O_CLOEXEC)); // EFD_CLOEXEC == O_CLOEXEC
        }
    }

    static void mkfifo(String path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = Native.cString(arena, path);
            Native.check(arena, () -> "mkfifo(" + Native.quote(path) + ", " + Native.octal(mode) + ")",
                    s -> (int) Mkfifo.H.invokeExact(s, cpath, mode));
        }
    }

    static int poll(int fd, int events, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(POLLFD);
            pollfd.set(JAVA_INT, POLLFD_FD, fd);
            pollfd.set(JAVA_SHORT, POLLFD_EVENTS, (short) events);
            // On EINTR, poll again with what is left of the timeout rather than all of it.
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int timeout = timeoutMillis <= 0 ? timeoutMillis
                        : (int) Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
                try {
                    int ready = (int) Native.check(arena, () -> "poll(" + fd + ", 0x" + Integer.toHexString(events) + ", " + timeoutMillis + ")",
                            s -> (int) PollCall.H.invokeExact(s, pollfd, 1L, timeout));
                    return ready == 0 ? 0 : Short.toUnsignedInt(pollfd.get(JAVA_SHORT, POLLFD_REVENTS));
                } catch (SyscallException e) {
                    if (e.errno() != Errno.EINTR) {
                        throw e;
                    }
                }
            }
        }
    }
}

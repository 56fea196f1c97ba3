package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** Making unix-domain sockets: socketpair, listen, connect, accept. All close-on-exec. */
final class SocketCalls {
    private SocketCalls() {}

    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_SEQPACKET = 5;
    /** Same value as O_CLOEXEC on Linux. */
    static final int SOCK_CLOEXEC = 02000000;
    /** The kernel caps the backlog at net.core.somaxconn anyway. */
    private static final int BACKLOG = 4096;

    /** struct sockaddr_un. */
    private static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"),
            MemoryLayout.sequenceLayout(108, JAVA_BYTE).withName("sun_path"));
    private static final long SUN_PATH = SOCKADDR_UN.byteOffset(PathElement.groupElement("sun_path"));
    private static final long SUN_PATH_MAX = 108 - 1; // room for the terminating NUL

    private static final class Socketpair {
        static final MethodHandle H = Native.bindErrno("socketpair",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Socket {
        static final MethodHandle H = Native.bindErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Bind {
        static final MethodHandle H = Native.bindErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Listen {
        static final MethodHandle H = Native.bindErrno("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Connect {
        static final MethodHandle H = Native.bindErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Accept4 {
        static final MethodHandle H = Native.bindErrno("accept4",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    static int[] socketpairSeqpacket() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Native.check(arena, () -> "socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC)",
                    s -> (int) Socketpair.H.invokeExact(s, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds));
            return fds.toArray(JAVA_INT);
        }
    }

    static int unixListen(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = sockaddr(arena, path);
            int fd = streamSocket(arena);
            try {
                Native.check(arena, () -> "bind(" + Native.quote(path) + ")",
                        s -> (int) Bind.H.invokeExact(s, fd, addr, (int) addr.byteSize()));
                Native.check(arena, () -> "listen(" + Native.quote(path) + ")",
                        s -> (int) Listen.H.invokeExact(s, fd, BACKLOG));
                return fd;
            } catch (RuntimeException e) {
                FdCalls.closeQuietly(fd);
                throw e;
            }
        }
    }

    static int unixConnect(String path) {
        return connect(path, SOCK_STREAM);
    }

    static int unixConnectSeqpacket(String path) {
        return connect(path, SOCK_SEQPACKET);
    }

    private static int connect(String path, int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = sockaddr(arena, path);
            int fd = (int) Native.check(arena, () -> "socket(AF_UNIX, " + (type == SOCK_STREAM ? "SOCK_STREAM"
                    : "SOCK_SEQPACKET") + "|SOCK_CLOEXEC)", s -> (int) Socket.H.invokeExact(s, AF_UNIX,
                    type | SOCK_CLOEXEC, 0));
            try {
                // Not retried on EINTR: the connection attempt goes on, and a second connect fails.
                Native.check(arena, () -> "connect(" + Native.quote(path) + ")",
                        s -> (int) Connect.H.invokeExact(s, fd, addr, (int) addr.byteSize()));
                return fd;
            } catch (RuntimeException e) {
                FdCalls.closeQuietly(fd);
                throw e;
            }
        }
    }

    static int accept(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) Native.retrying(arena, () -> "accept4(" + fd + ", SOCK_CLOEXEC)",
                    s -> (int) Accept4.H.invokeExact(s, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC));
        }
    }

    private static int streamSocket(Arena arena) {
        return (int) Native.check(arena, () -> "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC)",
                s -> (int) Socket.H.invokeExact(s, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    }

    /** A sockaddr_un for {@code path}, sized to the path (what the kernel expects as addrlen). */
    private static MemorySegment sockaddr(Arena arena, String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > SUN_PATH_MAX || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not usable as a unix socket path (1.." + SUN_PATH_MAX
                    + " bytes, no NUL): " + Native.quote(path));
        }
        MemorySegment addr = arena.allocate(SUN_PATH + bytes.length + 1, 2); // zeroed, so NUL-terminated
        addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, addr, JAVA_BYTE, SUN_PATH, bytes.length);
        return addr;
    }
}

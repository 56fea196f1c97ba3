package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Messages over unix sockets: whole packets, and file descriptors passed with SCM_RIGHTS.
 *
 * <p>The struct layouts are those of LP64 Linux (x86_64 and aarch64 agree): size_t is
 * 8 bytes, and control messages are aligned to sizeof(size_t).
 */
final class SocketMessages {
    private SocketMessages() {}

    private static final int MSG_TRUNC = 0x20;
    /** Don't raise SIGPIPE when the peer is gone; report EPIPE instead. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** Make received descriptors close-on-exec atomically. */
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    /** Largest payload recvFd accepts with a descriptor; a pty name or a short tag fits. */
    private static final int FD_PAYLOAD_MAX = 4096;

    /** struct iovec. */
    private static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /** struct msghdr; the ints are followed by padding so the next field is 8-aligned. */
    private static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    private static final long MSG_IOV = offset(MSGHDR, "msg_iov");
    private static final long MSG_IOVLEN = offset(MSGHDR, "msg_iovlen");
    private static final long MSG_CONTROL = offset(MSGHDR, "msg_control");
    private static final long MSG_CONTROLLEN = offset(MSGHDR, "msg_controllen");
    private static final long MSG_FLAGS = offset(MSGHDR, "msg_flags");

    /** struct cmsghdr; the data follows at CMSG_ALIGN(sizeof(struct cmsghdr)). */
    private static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));
    private static final long CMSG_LEN_FIELD = offset(CMSGHDR, "cmsg_len");
    private static final long CMSG_LEVEL = offset(CMSGHDR, "cmsg_level");
    private static final long CMSG_TYPE = offset(CMSGHDR, "cmsg_type");

    private static final class Send {
        static final MethodHandle H = Native.bindErrno("send",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private static final class Sendmsg {
        static final MethodHandle H = Native.bindErrno("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Recvmsg {
        static final MethodHandle H = Native.bindErrno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    // The CMSG_* macros of <sys/socket.h>, for LP64.
    private static long cmsgAlign(long len) {
        return (len + 7) & ~7L;
    }

    private static long cmsgSpace(long dataLen) {
        return cmsgAlign(CMSGHDR.byteSize()) + cmsgAlign(dataLen);
    }

    private static long cmsgLen(long dataLen) {
        return cmsgAlign(CMSGHDR.byteSize()) + dataLen;
    }

    /** Sends one packet whole; on SEQPACKET and datagram sockets the kernel never splits it. */
    static void send(int fd, byte[] packet) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, packet);
            Native.retrying(arena, () -> "send(" + fd + ", " + packet.length + ")",
                    s -> (long) Send.H.invokeExact(s, fd, data, (long) packet.length, MSG_NOSIGNAL));
        }
    }

    /**
     * Receives one packet into {@code buf}. recvmsg rather than recv, so that a packet larger
     * than the buffer is reported (MSG_TRUNC) instead of silently cut short.
     */
    static int recv(int fd, byte[] buf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(buf.length, 1));
            MemorySegment msg = message(arena, data, buf.length, MemorySegment.NULL);
            int n = (int) Native.retrying(arena, () -> "recv(" + fd + ", " + buf.length + ")",
                    s -> (long) Recvmsg.H.invokeExact(s, fd, msg, 0));
            if ((msg.get(JAVA_INT, MSG_FLAGS) & MSG_TRUNC) != 0) {
                throw new SyscallException("recv(" + fd + ", " + buf.length + ")", Errno.EMSGSIZE);
            }
            MemorySegment.copy(data, JAVA_BYTE, 0, buf, 0, n);
            return n;
        }
    }

    /**
     * Sends {@code fd} with {@code payload} as the message's data. The payload must not be
     * empty: on a stream socket, a descriptor only travels attached to at least one byte.
     */
    static void sendFd(int sock, int fd, byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("sendFd needs a non-empty payload to carry the descriptor");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, payload);
            MemorySegment control = arena.allocate(cmsgSpace(JAVA_INT.byteSize()), 8);
            control.set(JAVA_LONG, CMSG_LEN_FIELD, cmsgLen(JAVA_INT.byteSize()));
            control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
            control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
            control.set(JAVA_INT, cmsgLen(0), fd);
            MemorySegment msg = message(arena, data, payload.length, control);
            long sent = Native.retrying(arena, () -> "sendmsg(" + sock + ", SCM_RIGHTS " + fd + ")",
                    s -> (long) Sendmsg.H.invokeExact(s, sock, msg, MSG_NOSIGNAL));
            if (sent != payload.length) {
                // Cannot happen for payloads this small on unix sockets; say so if it ever does.
                throw new IllegalStateException("sendmsg sent " + sent + " of " + payload.length + " bytes");
            }
        }
    }

    /**
     * Receives one message that may carry a descriptor. The descriptor arrives close-on-exec.
     * There is room for one: if the sender passed more, the kernel drops the rest.
     */
    static ReceivedFd recvFd(int sock) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(FD_PAYLOAD_MAX);
            MemorySegment control = arena.allocate(cmsgSpace(JAVA_INT.byteSize()), 8);
            MemorySegment msg = message(arena, data, FD_PAYLOAD_MAX, control);
            int n = (int) Native.retrying(arena, () -> "recvmsg(" + sock + ")",
                    s -> (long) Recvmsg.H.invokeExact(s, sock, msg, MSG_CMSG_CLOEXEC));
            int fd = receivedFd(msg, control);
            int flags = msg.get(JAVA_INT, MSG_FLAGS);
            if ((flags & MSG_TRUNC) != 0) {
                FdCalls.closeQuietly(fd);
                throw new SyscallException("recvmsg(" + sock + ", " + FD_PAYLOAD_MAX + ")", Errno.EMSGSIZE);
            }
            return new ReceivedFd(fd, Arrays.copyOf(data.toArray(JAVA_BYTE), n));
        }
    }

    /** The descriptor in the first SCM_RIGHTS control message, or -1. */
    private static int receivedFd(MemorySegment msg, MemorySegment control) {
        long controlLen = msg.get(JAVA_LONG, MSG_CONTROLLEN);
        if (controlLen < cmsgLen(JAVA_INT.byteSize())
                || control.get(JAVA_INT, CMSG_LEVEL) != SOL_SOCKET
                || control.get(JAVA_INT, CMSG_TYPE) != SCM_RIGHTS) {
            return -1;
        }
        return control.get(JAVA_INT, cmsgLen(0));
    }

    /** A msghdr with one iovec over {@code data} and the given control buffer (or NULL). */
    private static MemorySegment message(Arena arena, MemorySegment data, long dataLen, MemorySegment control) {
        MemorySegment iov = arena.allocate(IOVEC);
        iov.set(ADDRESS, offset(IOVEC, "iov_base"), data);
        iov.set(JAVA_LONG, offset(IOVEC, "iov_len"), dataLen);
        MemorySegment msg = arena.allocate(MSGHDR); // zeroed: no name, no flags
        msg.set(ADDRESS, MSG_IOV, iov);
        msg.set(JAVA_LONG, MSG_IOVLEN, 1L);
        msg.set(ADDRESS, MSG_CONTROL, control);
        msg.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
        return msg;
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }
}

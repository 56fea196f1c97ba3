package dev.hull.sys;

/**
 * A file descriptor received with {@link Libc#recvFd}, and the bytes that came with it
 * (runc's console socket, for example, sends the pty's name).
 *
 * <p>{@code fd} is -1 when the message carried no descriptor; with an empty payload too,
 * that means the peer closed the connection.
 */
public record ReceivedFd(int fd, byte[] payload) {
    public ReceivedFd {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Whether a descriptor arrived; it is close-on-exec and the caller owns it. */
    public boolean hasFd() {
        return fd >= 0;
    }
}

package dev.hull.runtime.monitor;

import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A connection to a monitor's attach socket (SOCK_SEQPACKET). The first byte of each
 * packet says what it holds: from the monitor, output of stream 1 (stdout) or 2
 * (stderr), or 3 with the exit code (little-endian int32) as the last packet; to the
 * monitor, 0 stdin bytes, 1 a terminal size, 2 the end of stdin.
 */
public final class AttachConnection implements AutoCloseable {

    /** One packet from the monitor. */
    public sealed interface Event {
    }

    public record Output(int stream, byte[] data) implements Event {
    }

    public record Exited(int exitCode) implements Event {
    }

    /** The monitor went away without an exit packet (killed, or the socket was closed). */
    public record Closed() implements Event {
    }

    private static final int STDIN = 0;
    private static final int RESIZE = 1;
    private static final int CLOSE_STDIN = 2;
    private static final int EXIT = 3;

    private final int fd;
    private final byte[] buf = new byte[1 + 16384];

    private AttachConnection(int fd) {
        this.fd = fd;
    }

    /**
     * Connects. A socket address holds at most 107 bytes of path, less than a deep
     * root gives: the connection goes through /proc/self/fd/N/attach.sock, N being the
     * monitor's directory opened O_PATH, which the kernel resolves like the full path.
     */
    public static AttachConnection open(MonitorOptions monitor) {
        int dir = Libc.open(monitor.dir().toString(), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC,
                0);
        try {
            return new AttachConnection(Libc.unixConnectSeqpacket("/proc/self/fd/" + dir + "/"
                    + monitor.attachSocket().getFileName()));
        } finally {
            Libc.closeQuietly(dir);
        }
    }

    /** Blocks for the next packet. */
    public Event next() {
        int n = Libc.recv(fd, buf);
        if (n == 0) {
            return new Closed();
        }
        if (buf[0] == EXIT && n >= 5) {
            return new Exited(ByteBuffer.wrap(buf, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        return new Output(buf[0], Arrays.copyOfRange(buf, 1, n));
    }

    public void stdin(byte[] data, int off, int len) {
        for (int at = off; at < off + len; at += 16384) {
            int take = Math.min(16384, off + len - at);
            byte[] p = new byte[1 + take];
            p[0] = STDIN;
            System.arraycopy(data, at, p, 1, take);
            Libc.send(fd, p);
        }
    }

    public void resize(int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) RESIZE).putShort((short) rows).putShort((short) cols);
        Libc.send(fd, b.array());
    }

    public void closeStdin() {
        Libc.send(fd, new byte[] {CLOSE_STDIN});
    }

    @Override
    public void close() {
        Libc.closeQuietly(fd);
    }
}

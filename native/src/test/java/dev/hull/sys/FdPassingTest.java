package dev.hull.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.hull.sys.TestFds.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FdPassingTest {
    @TempDir
    Path dir;

    @Test
    void fdAndPayloadCrossAUnixSocket() {
        String path = dir.resolve("console.sock").toString();
        int listener = Libc.unixListen(path);
        int client = Libc.unixConnect(path);
        int server = Libc.accept(listener);
        int[] pipe = Libc.pipe();
        try {
            Libc.sendFd(client, pipe[1], bytes("/dev/pts/7"));
            ReceivedFd got = Libc.recvFd(server);

            assertThat(got.hasFd()).isTrue();
            assertThat(got.fd()).isNotIn(pipe[0], pipe[1]);
            assertThat(new String(got.payload())).isEqualTo("/dev/pts/7");
            assertThat(TestFds.isCloexec(got.fd())).isTrue();

            // The received fd is the pipe's write end: what goes in comes out of pipe[0].
            Libc.close(pipe[1]);
            Libc.writeFully(got.fd(), bytes("through the passed fd"));
            Libc.close(got.fd());
            assertThat(TestFds.readAll(pipe[0])).isEqualTo("through the passed fd");
        } finally {
            Libc.closeQuietly(pipe[0]);
            Libc.closeQuietly(pipe[1]);
            Libc.close(server);
            Libc.close(client);
            Libc.close(listener);
        }
    }

    @Test
    void fdPassingWorksOverSeqpacketToo() {
        int[] pair = Libc.socketpairSeqpacket();
        int[] pipe = Libc.pipe();
        Libc.sendFd(pair[0], pipe[0], new byte[] {42});
        ReceivedFd got = Libc.recvFd(pair[1]);
        assertThat(got.payload()).containsExactly(42);
        Libc.writeFully(pipe[1], bytes("ok"));
        Libc.close(pipe[1]);
        assertThat(TestFds.readAll(got.fd())).isEqualTo("ok");
        for (int fd : new int[] {got.fd(), pipe[0], pair[0], pair[1]}) {
            Libc.close(fd);
        }
    }

    @Test
    void messageWithoutFdAndEof() {
        int[] pair = Libc.socketpairSeqpacket();
        Libc.send(pair[0], bytes("plain"));
        ReceivedFd plain = Libc.recvFd(pair[1]);
        assertThat(plain.hasFd()).isFalse();
        assertThat(new String(plain.payload())).isEqualTo("plain");

        Libc.close(pair[0]);
        ReceivedFd eof = Libc.recvFd(pair[1]);
        assertThat(eof.fd()).isEqualTo(-1);
        assertThat(eof.payload()).isEmpty();
        Libc.close(pair[1]);
    }

    @Test
    void connectToNothingIsRefusedOrMissing() {
        String path = dir.resolve("none.sock").toString();
        assertThatThrownBy(() -> Libc.unixConnect(path))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                .hasMessage("connect(\"" + path + "\"): No such file or directory");
    }

    @Test
    void tooLongSocketPathIsRefused() {
        assertThatThrownBy(() -> Libc.unixListen("/" + "x".repeat(120)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

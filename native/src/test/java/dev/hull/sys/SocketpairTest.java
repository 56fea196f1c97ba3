package dev.hull.sys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.hull.sys.TestFds.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketpairTest {
    private int[] pair;

    @BeforeEach
    void open() {
        pair = Libc.socketpairSeqpacket();
    }

    @AfterEach
    void close() {
        Libc.closeQuietly(pair[0]);
        Libc.closeQuietly(pair[1]);
    }

    @Test
    void packetsKeepTheirBoundaries() {
        Libc.send(pair[0], bytes("first"));
        Libc.send(pair[0], bytes("second packet"));

        byte[] buf = new byte[64];
        int n = Libc.recv(pair[1], buf);
        assertThat(new String(buf, 0, n)).isEqualTo("first");
        n = Libc.recv(pair[1], buf);
        assertThat(new String(buf, 0, n)).isEqualTo("second packet");
    }

    @Test
    void bothDirectionsWork() {
        Libc.send(pair[1], new byte[] {1, 2, 3});
        byte[] buf = new byte[8];
        assertThat(Arrays.copyOf(buf, Libc.recv(pair[0], buf))).containsExactly(1, 2, 3);
    }

    @Test
    void recvReturnsZeroAfterPeerCloses() {
        Libc.send(pair[0], bytes("last"));
        Libc.close(pair[0]);

        byte[] buf = new byte[64];
        assertThat(Libc.recv(pair[1], buf)).isEqualTo(4);
        assertThat(Libc.recv(pair[1], buf)).isZero();
    }

    @Test
    void sendToClosedPeerIsEpipeNotSigpipe() {
        Libc.close(pair[1]);
        assertThatThrownBy(() -> Libc.send(pair[0], bytes("x")))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPIPE));
    }

    @Test
    void packetLargerThanBufferIsAnErrorNotATruncation() {
        Libc.send(pair[0], new byte[100]);
        assertThatThrownBy(() -> Libc.recv(pair[1], new byte[10]))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EMSGSIZE))
                .hasMessageContaining("recv(");
    }

    @Test
    void bothEndsAreCloseOnExec() {
        assertThat(TestFds.isCloexec(pair[0])).isTrue();
        assertThat(TestFds.isCloexec(pair[1])).isTrue();
    }
}

package dev.hull.sys;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessTest {
    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

    @Test
    void pidfdBecomesReadableWhenTheProcessExits() {
        int pid = Libc.spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "0.3"), ENV));
        int pidfd = Libc.pidfdOpen(pid);
        try {
            assertThat(TestFds.isCloexec(pidfd)).isTrue();
            assertThat(Libc.poll(pidfd, Poll.POLLIN, 0)).isZero(); // still sleeping
            assertThat(Libc.poll(pidfd, Poll.POLLIN, 10_000) & Poll.POLLIN).isEqualTo(Poll.POLLIN);
            assertThat(Libc.waitpid(pid, 0).exitCode()).isZero();
        } finally {
            Libc.close(pidfd);
        }
    }

    @Test
    void pidfdSendSignalKills() {
        int pid = Libc.spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), ENV));
        int pidfd = Libc.pidfdOpen(pid);
        Libc.pidfdSendSignal(pidfd, Signals.SIGKILL);
        WaitStatus status = Libc.waitpid(pid, 0);
        Libc.close(pidfd);
        assertThat(status.signaled()).isTrue();
        assertThat(status.termSignal()).isEqualTo(Signals.SIGKILL);
        assertThat(status.shellStatus()).isEqualTo(137);
    }

    @Test
    void isAliveForSelfAndForAReapedChild() {
        assertThat(Libc.isAlive(Libc.getpid())).isTrue();
        int pid = Libc.spawn(new SpawnRequest("/bin/true", List.of("true"), ENV));
        assertThat(Libc.waitpid(pid, 0).exitCode()).isZero();
        assertThat(Libc.isAlive(pid)).isFalse();
    }

    @Test
    void killOfAMissingProcessIsEsrch() {
        int pid = Libc.spawn(new SpawnRequest("/bin/true", List.of("true"), ENV));
        Libc.waitpid(pid, 0);
        assertThatThrownBy(() -> Libc.kill(pid, Signals.SIGTERM))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH))
                .hasMessage("kill(" + pid + ", SIGTERM): No such process");
    }

    @Test
    void waitpidWithoutChildrenIsEchild() {
        assertThatThrownBy(() -> Libc.waitpid(Libc.getpid(), Libc.WNOHANG))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ECHILD));
    }

    @Test
    void idsMatchTheJvm() {
        assertThat(Libc.getpid()).isEqualTo((int) ProcessHandle.current().pid());
        assertThat(Libc.geteuid()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void rlimitOfOpenFiles() {
        long[] nofile = Libc.getrlimit(Libc.RLIMIT_NOFILE);
        assertThat(nofile).hasSize(2);
        assertThat(nofile[0]).isPositive();
        assertThat(nofile[1] == Libc.RLIM_INFINITY || nofile[1] >= nofile[0]).isTrue();
    }

    @Test
    void waitStatusDecoding() {
        assertThat(new WaitStatus(0, 0).exited()).isFalse(); // WNOHANG, nothing to report
        assertThat(new WaitStatus(7, 0x0300).exitCode()).isEqualTo(3);
        assertThat(new WaitStatus(7, 0x0009).termSignal()).isEqualTo(9);
        assertThat(new WaitStatus(7, 0x0089).shellStatus()).isEqualTo(137); // core dumped too
        assertThat(new WaitStatus(7, 0x137f).signaled()).isFalse(); // stopped by SIGSTOP
        assertThatThrownBy(() -> new WaitStatus(7, 0x137f).shellStatus()).isInstanceOf(IllegalStateException.class);
    }
}

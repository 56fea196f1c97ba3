package dev.hull.sys;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpawnTest {
    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

    /** dash cannot redirect to fds above 9 with >&N, so scripts write to /proc/self/fd/N. */
    private static String to(int fd) {
        return " > /proc/self/fd/" + fd;
    }

    private static SpawnRequest sh(String script, Map<Integer, Integer> dup2, List<Integer> inherit) {
        return new SpawnRequest("/bin/sh", List.of("sh", "-c", script), ENV, dup2, inherit);
    }

    @Test
    void stdoutRedirectAndExitCode() {
        int[] pipe = Libc.pipe();
        int pid = Libc.spawn(sh("echo hi; exit 3", Map.of(1, pipe[1]), List.of()));
        Libc.close(pipe[1]);

        assertThat(TestFds.readAll(pipe[0])).isEqualTo("hi\n");
        Libc.close(pipe[0]);
        WaitStatus status = Libc.waitpid(pid, 0);
        assertThat(status.pid()).isEqualTo(pid);
        assertThat(status.exited()).isTrue();
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.signaled()).isFalse();
        assertThat(status.shellStatus()).isEqualTo(3);
    }

    @Test
    void killedBySigterm() {
        int pid = Libc.spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), ENV));
        assertThat(Libc.waitpid(pid, Libc.WNOHANG).pid()).isZero(); // still running
        Libc.kill(pid, Signals.SIGTERM);

        WaitStatus status = Libc.waitpid(pid, 0);
        assertThat(status.signaled()).isTrue();
        assertThat(status.exited()).isFalse();
        assertThat(status.termSignal()).isEqualTo(15);
        assertThat(status.shellStatus()).isEqualTo(143);
    }

    @Test
    void childStartsWithDefaultSignalsAndEmptyMask() {
        // The JVM blocks or ignores some signals; the child must not see that.
        int[] pipe = Libc.pipe();
        int pid = Libc.spawn(sh("grep -E '^Sig(Blk|Ign):' /proc/self/status", Map.of(1, pipe[1]), List.of()));
        Libc.close(pipe[1]);
        String out = TestFds.readAll(pipe[0]);
        Libc.close(pipe[0]);
        Libc.waitpid(pid, 0);
        assertThat(out).contains("SigBlk:\t0000000000000000");
        // sh itself may ignore nothing here; the grep child reports its own, inherited state.
        assertThat(out).contains("SigIgn:\t0000000000000000");
    }

    @Test
    void inheritedFdIsUsableInTheChild() {
        int[] pipe = Libc.pipe(); // close-on-exec in the JVM
        int w = pipe[1];
        int pid = Libc.spawn(sh("echo inherited" + to(w), Map.of(), List.of(w)));
        assertThat(TestFds.isCloexec(w)).as("the JVM's copy stays close-on-exec").isTrue();
        Libc.close(w);

        assertThat(TestFds.readAll(pipe[0])).isEqualTo("inherited\n");
        Libc.close(pipe[0]);
        assertThat(Libc.waitpid(pid, 0).shellStatus()).isZero();
    }

    @Test
    void fdNotInheritedIsClosedInTheChild() {
        // The control for the test above: without inherit, close-on-exec wins.
        int[] pipe = Libc.pipe();
        int w = pipe[1];
        int pid = Libc.spawn(sh("exec 2>/dev/null; echo leaked" + to(w), Map.of(), List.of()));
        Libc.close(w);

        assertThat(TestFds.readAll(pipe[0])).isEmpty();
        Libc.close(pipe[0]);
        assertThat(Libc.waitpid(pid, 0).shellStatus()).isNotZero();
    }

    @Test
    void overlappingDup2sAreAppliedAsASwap() {
        int[] p = Libc.pipe();
        int[] q = Libc.pipe();
        // In the child, fd p[1] is the parent's q[1] and fd q[1] the parent's p[1].
        int pid = Libc.spawn(sh("echo one" + to(p[1]) + "; echo two" + to(q[1]),
                Map.of(p[1], q[1], q[1], p[1]), List.of()));
        Libc.close(p[1]);
        Libc.close(q[1]);

        assertThat(TestFds.readAll(q[0])).isEqualTo("one\n");
        assertThat(TestFds.readAll(p[0])).isEqualTo("two\n");
        Libc.close(p[0]);
        Libc.close(q[0]);
        assertThat(Libc.waitpid(pid, 0).shellStatus()).isZero();
    }

    @Test
    void missingProgramIsEnoentNamingThePath() {
        assertThatThrownBy(() -> Libc.spawn(new SpawnRequest("/nonexistent/hull-test", List.of("x"), ENV)))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.call()).isEqualTo("posix_spawn(\"/nonexistent/hull-test\")");
                })
                .hasMessage("posix_spawn(\"/nonexistent/hull-test\"): No such file or directory");
    }

    @Test
    void environmentIsExactlyWhatWasGiven() {
        int[] pipe = Libc.pipe();
        int pid = Libc.spawn(new SpawnRequest("/usr/bin/env", List.of("env"), List.of("A=1", "B=two"),
                Map.of(1, pipe[1]), List.of()));
        Libc.close(pipe[1]);
        assertThat(TestFds.readAll(pipe[0])).isEqualTo("A=1\nB=two\n");
        Libc.close(pipe[0]);
        Libc.waitpid(pid, 0);
    }

    @Test
    void inheritingADup2TargetIsRejected() {
        assertThatThrownBy(() -> sh("true", Map.of(5, 6), List.of(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

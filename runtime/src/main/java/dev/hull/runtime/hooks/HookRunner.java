package dev.hull.runtime.hooks;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.spec.Hook;
import dev.hull.sys.Libc;
import dev.hull.sys.SpawnRequest;
import dev.hull.sys.WaitStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs the hooks that execute in the runtime's namespaces (prestart, createRuntime,
 * poststart, poststop) with the state JSON on stdin. Hooks that run in the
 * container (createContainer, startContainer) are steps of the plan instead.
 * posix_spawn is used because a hook's args[0] may differ from its path.
 */
public final class HookRunner {

    private HookRunner() {
    }

    /** Runs hooks in order; the first that fails or times out stops the rest and throws. */
    public static void run(String phase, List<Hook> hooks, String stateJson) {
        for (Hook h : hooks) {
            runOne(phase, h, stateJson);
        }
    }

    /** Runs every hook, reporting failures as warnings on stderr (poststart, poststop). */
    public static void runWarning(String phase, List<Hook> hooks, String stateJson) {
        for (Hook h : hooks) {
            try {
                runOne(phase, h, stateJson);
            } catch (ContainerException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }

    static void runOne(String phase, Hook h, String stateJson) {
        String what = phase + " hook " + h.path();
        List<String> argv = h.args() == null || h.args().isEmpty() ? List.of(h.path()) : h.args();
        List<String> env = h.env() == null ? List.of() : h.env();
        int[] pipe = Libc.pipe();
        int pid;
        try {
            pid = Libc.spawn(new SpawnRequest(h.path(), argv, env, Map.of(0, pipe[0]), List.of()));
        } catch (RuntimeException e) {
            Libc.closeQuietly(pipe[0]);
            Libc.closeQuietly(pipe[1]);
            throw new ContainerException(what + ": " + e.getMessage(), e);
        }
        Libc.closeQuietly(pipe[0]);
        try {
            Libc.writeFully(pipe[1], stateJson.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // the hook need not read its stdin
        } finally {
            Libc.closeQuietly(pipe[1]);
        }
        WaitStatus s = waitWithTimeout(pid, h.timeout() == null ? 0 : h.timeout());
        if (s == null) {
            throw new ContainerException(what + ": timed out after " + h.timeout() + "s");
        }
        if (s.shellStatus() != 0) {
            throw new ContainerException(what + ": " + (s.signaled()
                    ? "killed by signal " + s.termSignal() : "exit status " + s.exitCode()));
        }
    }

    /** Waits for the hook; after a timeout it is killed and null is returned. */
    private static WaitStatus waitWithTimeout(int pid, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            return Libc.waitpid(pid, 0);
        }
        int pidfd = Libc.pidfdOpen(pid);
        try {
            int revents = Libc.poll(pidfd, Libc.POLLIN, timeoutSeconds * 1000);
            if (revents == 0) {
                Libc.kill(pid, 9);
                Libc.waitpid(pid, 0);
                return null;
            }
            return Libc.waitpid(pid, 0);
        } finally {
            Libc.closeQuietly(pidfd);
        }
    }
}

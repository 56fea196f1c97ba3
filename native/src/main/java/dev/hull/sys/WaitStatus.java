package dev.hull.sys;

/**
 * What {@link Libc#waitpid} reported: the child's pid and the raw status word.
 *
 * <p>A pid of 0 means "no child has changed state yet" (WNOHANG); such a status is neither
 * {@link #exited()} nor {@link #signaled()}, although its raw word is 0, which would otherwise
 * decode as "exited with 0". To decode a status word from elsewhere, pass the real pid.
 */
public record WaitStatus(int pid, int raw) {

    /** The process called exit (WIFEXITED). */
    public boolean exited() {
        return pid != 0 && (raw & 0x7f) == 0;
    }

    /** The exit code (WEXITSTATUS); only when {@link #exited()}. */
    public int exitCode() {
        if (!exited()) {
            throw new IllegalStateException("process " + pid + " did not exit (status 0x" + Integer.toHexString(raw) + ")");
        }
        return (raw >> 8) & 0xff;
    }

    /** A signal terminated the process (WIFSIGNALED). */
    public boolean signaled() {
        int low = raw & 0x7f;
        return pid != 0 && low != 0 && low != 0x7f; // 0x7f marks a stopped child
    }

    /** The signal that terminated it (WTERMSIG); only when {@link #signaled()}. */
    public int termSignal() {
        if (!signaled()) {
            throw new IllegalStateException("process " + pid + " was not killed by a signal (status 0x" + Integer.toHexString(raw) + ")");
        }
        return raw & 0x7f;
    }

    /** The status as a shell reports it in {@code $?}: the exit code, or 128 + the signal. */
    public int shellStatus() {
        if (exited()) {
            return exitCode();
        }
        if (signaled()) {
            return 128 + termSignal();
        }
        throw new IllegalStateException("process " + pid + " has not terminated (status 0x" + Integer.toHexString(raw) + ")");
    }
}

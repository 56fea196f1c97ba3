package dev.hull.sys;

/**
 * A failed libc call. The message names the call with its arguments and the error,
 * e.g. {@code mkfifo("/run/x/exec.fifo", 0600): File exists}, so it can be shown to a user as is.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * @param call  the call as it would be written in C, with its arguments, e.g. {@code open("/x", O_RDONLY)}
     * @param errno the error number it failed with
     */
    public SyscallException(String call, int errno) {
        super(call + ": " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /** The error number, to compare with the constants in {@link Errno}. */
    public int errno() {
        return errno;
    }

    /** The call with its arguments, without the error text. */
    public String call() {
        return call;
    }
}

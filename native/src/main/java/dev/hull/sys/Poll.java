package dev.hull.sys;

/** Event bits for {@link Libc#poll}; the same on all Linux architectures. */
public final class Poll {
    /** There is data to read (for a pidfd: the process has terminated). */
    public static final int POLLIN = 0x001;
    public static final int POLLOUT = 0x004;
    /** Error condition; always reported, need not be asked for. */
    public static final int POLLERR = 0x008;
    /** The peer hung up; always reported, need not be asked for. */
    public static final int POLLHUP = 0x010;
    /** The fd is not open; always reported. */
    public static final int POLLNVAL = 0x020;

    private Poll() {}
}

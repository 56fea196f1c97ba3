package dev.hull.sys;

/**
 * The libc calls the engine makes from the JVM, with Java types.
 *
 * <p>Every failure is a {@link SyscallException} naming the call, its arguments and the
 * error. Calls that a signal can interrupt harmlessly are retried on EINTR where noted.
 * File descriptors created here are close-on-exec, so that programs we start do not
 * inherit them by accident; {@link #spawn} passes the ones asked for.
 *
 * <p>Loading this class binds nothing: each C function is looked up and linked on its
 * first use, so a short-lived CLI pays only for the calls it makes.
 */
public final class Libc {
    private Libc() {}

    /** waitpid: return at once, with pid 0, if no child has changed state. */
    public static final int WNOHANG = 1;
    /** umount2: detach now, finish when the mount is no longer busy. */
    public static final int MNT_DETACH = 2;
    /** Same as {@link Poll#POLLIN}. */
    public static final int POLLIN = Poll.POLLIN;
    /** Same as {@link Poll#POLLERR}. */
    public static final int POLLERR = Poll.POLLERR;
    /** Same as {@link Poll#POLLHUP}. */
    public static final int POLLHUP = Poll.POLLHUP;

    /** What {@link #getrlimit} reports for "unlimited" (RLIM_INFINITY, all bits set). */
    public static final long RLIM_INFINITY = -1L;
    // Resource numbers for getrlimit, identical on x86_64 and aarch64.
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;

    // ---- file descriptors ----

    /** open(2); flags from {@link OpenFlags}. Retries EINTR (opening a FIFO blocks). */
    public static int open(String path, int flags, int mode) {
        return FdCalls.open(path, flags, mode);
    }

    /** read(2) into {@code buf[off..off+len)}; returns the count, 0 at end of file. Retries EINTR. */
    public static int read(int fd, byte[] buf, int off, int len) {
        return FdCalls.read(fd, buf, off, len);
    }

    /** Writes all of {@code buf[off..off+len)}, looping over short writes. Retries EINTR. */
    public static void writeFully(int fd, byte[] buf, int off, int len) {
        FdCalls.writeFully(fd, buf, off, len);
    }

    /** Writes all of {@code buf}. */
    public static void writeFully(int fd, byte[] buf) {
        FdCalls.writeFully(fd, buf, 0, buf.length);
    }

    /** close(2). EINTR counts as success: Linux has released the fd by then. */
    public static void close(int fd) {
        FdCalls.close(fd);
    }

    /** close(2) for cleanup paths: ignores negative fds and every error. */
    public static void closeQuietly(int fd) {
        FdCalls.closeQuietly(fd);
    }

    /** pipe2(O_CLOEXEC): {read end, write end}. */
    public static int[] pipe() {
        return FdCalls.pipe();
    }

    /**
     * eventfd(2) with a zero counter, close-on-exec: a file descriptor the kernel can
     * signal, e.g. cgroup v1 OOM notifications. Reading 8 bytes blocks until it is signalled.
     */
    public static int eventfd() {
        return FdCalls.eventfd();
    }

    /** mkfifo(3); the mode is subject to the umask. */
    public static void mkfifo(String path, int mode) {
        FdCalls.mkfifo(path, mode);
    }

    /**
     * poll(2) on one fd: waits up to {@code timeoutMillis} (negative: forever) and returns
     * the revents bits ({@link Poll}), or 0 on timeout. On EINTR it polls again for the rest
     * of the time.
     */
    public static int poll(int fd, int events, int timeoutMillis) {
        return FdCalls.poll(fd, events, timeoutMillis);
    }

    // ---- sockets ----

    /** socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC): two connected ends that keep message boundaries. */
    public static int[] socketpairSeqpacket() {
        return SocketCalls.socketpairSeqpacket();
    }

    /**
     * Receives one packet into {@code buf}; returns its length, 0 when the peer has closed.
     * A packet larger than {@code buf} is an error (EMSGSIZE), not silently cut. Retries EINTR.
     */
    public static int recv(int fd, byte[] buf) {
        return SocketMessages.recv(fd, buf);
    }

    /** Sends one packet, with MSG_NOSIGNAL: a closed peer gives EPIPE, not SIGPIPE. Retries EINTR. */
    public static void send(int fd, byte[] packet) {
        SocketMessages.send(fd, packet);
    }

    /** A listening AF_UNIX stream socket bound at {@code path} (at most 107 bytes). */
    public static int unixListen(String path) {
        return SocketCalls.unixListen(path);
    }

    /** A stream socket connected to the unix socket at {@code path}. */
    public static int unixConnect(String path) {
        return SocketCalls.unixConnect(path);
    }

    /** A SOCK_SEQPACKET socket connected to the unix socket at {@code path}: packets keep their boundaries. */
    public static int unixConnectSeqpacket(String path) {
        return SocketCalls.unixConnectSeqpacket(path);
    }

    /** accept4(fd, NULL, NULL, SOCK_CLOEXEC). Retries EINTR. */
    public static int accept(int fd) {
        return SocketCalls.accept(fd);
    }

    /**
     * Sends {@code fd} (SCM_RIGHTS) with {@code payload} as the data, e.g. a pty's name as
     * runc's console socket protocol does. The payload must not be empty.
     */
    public static void sendFd(int sock, int fd, byte[] payload) {
        SocketMessages.sendFd(sock, fd, payload);
    }

    /**
     * Receives a message sent by {@link #sendFd} or a compatible peer (payload up to 4096
     * bytes). The fd arrives close-on-exec; see {@link ReceivedFd} for a message without one.
     */
    public static ReceivedFd recvFd(int sock) {
        return SocketMessages.recvFd(sock);
    }

    // ---- processes ----

    /** Starts a program with posix_spawn; returns its pid. See {@link SpawnRequest}. */
    public static int spawn(SpawnRequest req) {
        return Spawner.spawn(req);
    }

    /** kill(2). */
    public static void kill(int pid, int signal) {
        ProcessCalls.kill(pid, signal);
    }

    /**
     * Whether a process with this pid exists (kill with signal 0): ESRCH means no, EPERM
     * means yes but not ours. A zombie counts as alive until it is reaped.
     */
    public static boolean isAlive(int pid) {
        return ProcessCalls.isAlive(pid);
    }

    /** pidfd_open(2): a close-on-exec fd that refers to this process and becomes readable when it exits. */
    public static int pidfdOpen(int pid) {
        return ProcessCalls.pidfdOpen(pid);
    }

    /** pidfd_send_signal(2): signals the process the pidfd refers to, immune to pid reuse. */
    public static void pidfdSendSignal(int pidfd, int signal) {
        ProcessCalls.pidfdSendSignal(pidfd, signal);
    }

    /** waitpid(2); options such as {@link #WNOHANG}. Retries EINTR. */
    public static WaitStatus waitpid(int pid, int options) {
        return ProcessCalls.waitpid(pid, options);
    }

    /** prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are re-parented to this process. */
    public static void setChildSubreaper() {
        ProcessCalls.setChildSubreaper();
    }

    public static int getpid() {
        return ProcessCalls.getpid();
    }

    public static int geteuid() {
        return ProcessCalls.geteuid();
    }

    /** getrlimit(2): {soft, hard}; {@link #RLIM_INFINITY} (-1L) means unlimited. */
    public static long[] getrlimit(int resource) {
        return ProcessCalls.getrlimit(resource);
    }

    // ---- mounts ----

    /** mount(2); source, fstype and data may be null. */
    public static void mount(String source, String target, String fstype, long flags, String data) {
        MountCalls.mount(source, target, fstype, flags, data);
    }

    /** umount2(2); flags such as {@link #MNT_DETACH}. */
    public static void umount2(String target, int flags) {
        MountCalls.umount2(target, flags);
    }
}

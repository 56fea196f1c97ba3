package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Processes: signals, pidfds, waiting, the subreaper bit, ids and resource limits. */
final class ProcessCalls {
    private ProcessCalls() {}

    // Syscall numbers from the table shared by all architectures since Linux 5.1 (424 and up).
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int PR_SET_CHILD_SUBREAPER = 36;

    private static final class Kill {
        static final MethodHandle H = Native.bindErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /**
     * syscall(2) is variadic after the number. Every argument is passed as a long, as the
     * kernel reads whole registers; glibc's pidfd wrappers are newer than some hosts' libc.
     */
    private static final class Syscall4 {
        static final MethodHandle H = Native.bindErrno("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static final class Waitpid {
        static final MethodHandle H = Native.bindErrno("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** prctl is variadic after the option; unused arguments must be 0 for many options. */
    private static final class Prctl {
        static final MethodHandle H = Native.bindErrno("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static final class Getpid {
        static final MethodHandle H = Native.bind("getpid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Geteuid {
        static final MethodHandle H = Native.bind("geteuid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Getrlimit {
        static final MethodHandle H = Native.bindErrno("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    static void kill(int pid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            Native.check(arena, () -> "kill(" + pid + ", " + Signals.name(signal) + ")",
                    s -> (int) Kill.H.invokeExact(s, pid, signal));
        }
    }

    static boolean isAlive(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            Native.check(arena, () -> "kill(" + pid + ", 0)", s -> (int) Kill.H.invokeExact(s, pid, 0));
            return true;
        } catch (SyscallException e) {
            return switch (e.errno()) {
                case Errno.ESRCH -> false;
                case Errno.EPERM -> true; // it exists, it is just not ours to signal
                default -> throw e;
            };
        }
    }

    static int pidfdOpen(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            // The kernel always makes pidfds close-on-exec.
            return (int) Native.check(arena, () -> "pidfd_open(" + pid + ")",
                    s -> (long) Syscall4.H.invokeExact(s, SYS_PIDFD_OPEN, (long) pid, 0L, 0L, 0L));
        }
    }

    static void pidfdSendSignal(int pidfd, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            Native.check(arena, () -> "pidfd_send_signal(" + pidfd + ", " + Signals.name(signal) + ")",
                    s -> (long) Syscall4.H.invokeExact(s, SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L));
        }
    }

    static WaitStatus waitpid(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT); // zeroed: stays 0 when WNOHANG finds nothing
            int got = (int) Native.retrying(arena, () -> "waitpid(" + pid + ", " + options + ")",
                    s -> (int) Waitpid.H.invokeExact(s, pid, status, options));
            return new WaitStatus(got, status.get(JAVA_INT, 0));
        }
    }

    static void setChildSubreaper() {
        try (Arena arena = Arena.ofConfined()) {
            Native.check(arena, () -> "prctl(PR_SET_CHILD_SUBREAPER, 1)",
                    s -> (int) Prctl.H.invokeExact(s, PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L));
        }
    }

    static int getpid() {
        return (int) Native.invoke(() -> (int) Getpid.H.invokeExact());
    }

    static int geteuid() {
        return (int) Native.invoke(() -> (int) Geteuid.H.invokeExact());
    }

    static long[] getrlimit(int resource) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limits = arena.allocate(JAVA_LONG, 2); // struct rlimit { rlim_cur, rlim_max }
            Native.check(arena, () -> "getrlimit(" + resource + ")",
                    s -> (int) Getrlimit.H.invokeExact(s, resource, limits));
            // rlim_t is unsigned; RLIM_INFINITY (all ones) reads as -1L.
            return limits.toArray(JAVA_LONG);
        }
    }
}

package dev.hull.runtime.seccomp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a child JVM by {@link SeccompRealEffectTest}: loads a compiled seccomp program (a file of
 * struct sock_filter) with prctl(PR_SET_NO_NEW_PRIVS) and seccomp(SECCOMP_SET_MODE_FILTER, flags),
 * as hull-init's SECCOMP step will, and prints what the kernel then does, one {@code key=value} a
 * line.
 *
 * <ul>
 *   <li>{@code tsync FILTER FLAGS DIR}: the whole process (flags carry TSYNC): mkdir before and
 *       after loading, from the main thread and from a thread started before loading; prctl with
 *       an argument the filter matches and one it does not.
 *   <li>{@code thread FILTER FLAGS DIR}: loads the filter on one new thread only (no TSYNC), then
 *       makes raw syscalls from that thread and reports their errno.
 * </ul>
 */
public final class SeccompLoadChild {
    static final int PR_SET_NO_NEW_PRIVS = 38;
    static final int PR_GET_NO_NEW_PRIVS = 39;
    static final int PR_GET_DUMPABLE = 3;
    static final int SECCOMP_SET_MODE_FILTER = 1;

    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** long syscall(long number, ...) with five variadic longs. */
    static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** int prctl(int option, ...) with four variadic longs. */
    static final MethodHandle PRCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("prctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    /** struct sock_fprog { unsigned short len; struct sock_filter *filter; } */
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"), MemoryLayout.paddingLayout(6), ADDRESS.withName("filter"));

    private SeccompLoadChild() {}

    /** "rc" or "-1/errno" */
    record Result(long rc, int errno) {
        @Override
        public String toString() {
            return rc < 0 ? rc + "/" + errno : Long.toString(rc);
        }
    }

    static Result syscall(long nr, long a0, long a1, long a2, long a3, long a4) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            long rc = (long) SYSCALL.invokeExact(cap, nr, a0, a1, a2, a3, a4);
            return new Result(rc, rc < 0 ? (int) ERRNO.get(cap, 0L) : 0);
        } catch (Throwable t) {
            throw new RuntimeException(t);
        }
    }

    static Result prctl(int option, long arg2) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            int rc = (int) PRCTL.invokeExact(cap, option, arg2, 0L, 0L, 0L);
            return new Result(rc, rc < 0 ? (int) ERRNO.get(cap, 0L) : 0);
        } catch (Throwable t) {
            throw new RuntimeException(t);
        }
    }

    /** no_new_privs, then seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog); "0" on success. */
    static String load(byte[] filter, int flags) {
        Result nnp = prctl(PR_SET_NO_NEW_PRIVS, 1);
        if (nnp.rc() != 0) {
            return "prctl(PR_SET_NO_NEW_PRIVS) " + nnp;
        }
        int seccompNr = LibSeccomp.syscallResolveName("seccomp");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocate(filter.length, 8);
            insns.copyFrom(MemorySegment.ofArray(filter));
            MemorySegment prog = arena.allocate(SOCK_FPROG);
            prog.set(JAVA_SHORT, 0, (short) (filter.length / 8));
            prog.set(ADDRESS, 8, insns);
            return syscall(seccompNr, SECCOMP_SET_MODE_FILTER, flags, prog.address(), 0, 0).toString();
        }
    }

    static String mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
            return "ok";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        byte[] filter = Files.readAllBytes(Path.of(args[1]));
        int flags = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        switch (mode) {
            case "tsync" -> tsync(filter, flags, dir);
            case "thread" -> thread(filter, flags, dir);
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.flush();
    }

    static void tsync(byte[] filter, int flags, Path dir) throws Exception {
        System.out.println("before=" + mkdir(dir.resolve("before")));
        CountDownLatch loaded = new CountDownLatch(1);
        String[] fromThread = new String[1];
        Thread t = new Thread(() -> {
            try {
                loaded.await();
            } catch (InterruptedException e) {
                return;
            }
            fromThread[0] = mkdir(dir.resolve("thread"));
        }, "started-before-load");
        t.start();
        System.out.println("load=" + load(filter, flags));
        System.out.println("after=" + mkdir(dir.resolve("after")));
        loaded.countDown();
        t.join();
        System.out.println("thread=" + fromThread[0]);
        System.out.println("dumpable=" + prctl(PR_GET_DUMPABLE, 0));
        System.out.println("nnp=" + prctl(PR_GET_NO_NEW_PRIVS, 0));
        System.out.println("rmdir=" + rmdir(dir.resolve("before")));
    }

    static String rmdir(Path dir) {
        try {
            Files.delete(dir);
            return "ok";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static void thread(byte[] filter, int flags, Path dir) throws Exception {
        // resolve numbers before the filter is in place
        long getpid = LibSeccomp.syscallResolveName("getpid");
        long reboot = LibSeccomp.syscallResolveName("reboot");
        long clone3 = LibSeccomp.syscallResolveName("clone3");
        long mkdirat = LibSeccomp.syscallResolveName("mkdirat");
        StringBuilder out = new StringBuilder();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment path = arena.allocateFrom(dir.resolve("from-thread").toString());
            Thread t = new Thread(() -> {
                String loaded = load(filter, flags);
                // raw syscalls only until the thread ends
                Result r1 = syscall(getpid, 0, 0, 0, 0, 0);
                Result r2 = syscall(reboot, 0, 0, 0, 0, 0); // bad magic: EINVAL if it ever reached the kernel
                Result r3 = syscall(clone3, 0, 0, 0, 0, 0);
                Result r4 = syscall(1000, 0, 0, 0, 0, 0);
                Result r5 = syscall(mkdirat, -100 /* AT_FDCWD */, path.address(), 0700, 0, 0);
                out.append("load=").append(loaded).append('\n')
                        .append("getpid=").append(r1.rc() > 0 ? "ok" : r1.toString()).append('\n')
                        .append("reboot=").append(r2).append('\n')
                        .append("clone3=").append(r3).append('\n')
                        .append("nr1000=").append(r4).append('\n')
                        .append("mkdirat=").append(r5).append('\n');
            }, "filtered");
            t.start();
            t.join();
        }
        System.out.print(out);
        // the other threads are not filtered
        System.out.println("main_mkdir=" + mkdir(dir.resolve("from-main")));
    }
}

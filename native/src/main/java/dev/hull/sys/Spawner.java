package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Starting programs with posix_spawn. Not fork: forking a JVM copies its page tables and
 * runs Java-unsafe code in the child; glibc's posix_spawn uses clone(CLONE_VM|CLONE_VFORK)
 * and reports exec failures (a missing program) back as its return value.
 *
 * <p>The posix_spawn functions return an error number instead of setting errno.
 */
final class Spawner {
    private Spawner() {}

    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    /**
     * posix_spawn_file_actions_t, posix_spawnattr_t and sigset_t are opaque. glibc's are
     * 80, 336 and 128 bytes on LP64; we give each more room than any libc needs.
     */
    private static final long OPAQUE_SIZE = 1024;

    private static final FunctionDescriptor INT_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor INT_PTR_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    private static final class Spawn {
        static final MethodHandle H = Native.bind("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class Actions {
        static final MethodHandle INIT = Native.bind("posix_spawn_file_actions_init", INT_PTR);
        static final MethodHandle DESTROY = Native.bind("posix_spawn_file_actions_destroy", INT_PTR);
        static final MethodHandle ADD_DUP2 = Native.bind("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle ADD_CLOSE = Native.bind("posix_spawn_file_actions_addclose",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Attrs {
        static final MethodHandle INIT = Native.bind("posix_spawnattr_init", INT_PTR);
        static final MethodHandle DESTROY = Native.bind("posix_spawnattr_destroy", INT_PTR);
        static final MethodHandle SET_FLAGS = Native.bind("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        static final MethodHandle SET_SIGMASK = Native.bind("posix_spawnattr_setsigmask", INT_PTR_PTR);
        static final MethodHandle SET_SIGDEFAULT = Native.bind("posix_spawnattr_setsigdefault", INT_PTR_PTR);
        static final MethodHandle SIGEMPTYSET = Native.bind("sigemptyset", INT_PTR);
        static final MethodHandle SIGFILLSET = Native.bind("sigfillset", INT_PTR);
    }

    static int spawn(SpawnRequest req) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = Native.cString(arena, req.path());
            MemorySegment argv = Native.cStringArray(arena, req.argv());
            MemorySegment envp = Native.cStringArray(arena, req.env());
            MemorySegment pid = arena.allocate(JAVA_INT);

            MemorySegment actions = arena.allocate(OPAQUE_SIZE, 16);
            check(() -> "posix_spawn_file_actions_init", Native.invoke(() -> (int) Actions.INIT.invokeExact(actions)));
            try {
                addFdActions(actions, req);
                MemorySegment attr = arena.allocate(OPAQUE_SIZE, 16);
                check(() -> "posix_spawnattr_init", Native.invoke(() -> (int) Attrs.INIT.invokeExact(attr)));
                try {
                    resetSignals(arena, attr);
                    check(() -> "posix_spawn(" + Native.quote(req.path()) + ")", Native.invoke(
                            () -> (int) Spawn.H.invokeExact(pid, path, actions, attr, argv, envp)));
                    return pid.get(JAVA_INT, 0);
                } finally {
                    Native.invoke(() -> (int) Attrs.DESTROY.invokeExact(attr));
                }
            } finally {
                Native.invoke(() -> (int) Actions.DESTROY.invokeExact(actions));
            }
        }
    }

    /**
     * The JVM blocks some signals in its threads and ignores others; both would be inherited
     * through exec. Start the child with an empty mask and every signal at its default.
     *
     * <p>sigfillset leaves out glibc's two internal signals (32 and 33), and for signals not
     * in the "default" set glibc's spawn sets those two to SIG_IGN in the child, which would
     * then survive every later exec, into the container. So all 64 bits are set directly:
     * on Linux a sigset_t is a bit array with bit n-1 standing for signal n.
     */
    private static void resetSignals(Arena arena, MemorySegment attr) {
        MemorySegment none = arena.allocate(OPAQUE_SIZE, 16);
        MemorySegment all = arena.allocate(OPAQUE_SIZE, 16);
        check(() -> "sigemptyset", Native.invoke(() -> (int) Attrs.SIGEMPTYSET.invokeExact(none)));
        check(() -> "sigfillset", Native.invoke(() -> (int) Attrs.SIGFILLSET.invokeExact(all)));
        all.set(JAVA_LONG, 0, -1L); // signals 1..64, including 32 and 33
        check(() -> "posix_spawnattr_setsigmask", Native.invoke(() -> (int) Attrs.SET_SIGMASK.invokeExact(attr, none)));
        check(() -> "posix_spawnattr_setsigdefault", Native.invoke(() -> (int) Attrs.SET_SIGDEFAULT.invokeExact(attr, all)));
        short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
        check(() -> "posix_spawnattr_setflags", Native.invoke(() -> (int) Attrs.SET_FLAGS.invokeExact(attr, flags)));
    }

    /**
     * Queues the dup2s of {@code req.dup2()} and {@code req.inherit()}.
     *
     * <p>The file actions run in order in the child, so a mapping whose source is another
     * mapping's target (swapping 3 and 4, or 2 -> the parent's 1 while 1 is redirected) would
     * read an fd already overwritten. In that case every source is first parked on a fresh
     * fd above all the numbers involved, then moved into place, then the parking fd closed.
     *
     * <p>dup2(fd, fd) is how an fd is inherited: since glibc 2.29 it clears close-on-exec
     * in the child only, leaving the JVM's fd untouched.
     */
    private static void addFdActions(MemorySegment actions, SpawnRequest req) {
        Map<Integer, Integer> moves = new TreeMap<>(req.dup2()); // sorted, so the order is reproducible
        boolean clash = moves.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(e.getValue()) && moves.containsKey(e.getValue()));
        if (clash) {
            int parking = highestFd(req) + 1;
            List<int[]> parked = new ArrayList<>();
            for (Map.Entry<Integer, Integer> move : moves.entrySet()) {
                addDup2(actions, move.getValue(), parking);
                parked.add(new int[] {parking, move.getKey()});
                parking++;
            }
            for (int[] p : parked) {
                addDup2(actions, p[0], p[1]);
                addClose(actions, p[0]);
            }
        } else {
            moves.forEach((child, parent) -> addDup2(actions, parent, child));
        }
        for (int fd : req.inherit()) {
            addDup2(actions, fd, fd);
        }
    }

    private static int highestFd(SpawnRequest req) {
        int max = 2;
        for (Map.Entry<Integer, Integer> e : req.dup2().entrySet()) {
            max = Math.max(max, Math.max(e.getKey(), e.getValue()));
        }
        for (int fd : req.inherit()) {
            max = Math.max(max, fd);
        }
        return max;
    }

    private static void addDup2(MemorySegment actions, int from, int to) {
        check(() -> "posix_spawn_file_actions_adddup2(" + from + ", " + to + ")",
                Native.invoke(() -> (int) Actions.ADD_DUP2.invokeExact(actions, from, to)));
    }

    private static void addClose(MemorySegment actions, int fd) {
        check(() -> "posix_spawn_file_actions_addclose(" + fd + ")",
                Native.invoke(() -> (int) Actions.ADD_CLOSE.invokeExact(actions, fd)));
    }

    /** These functions return 0 or an error number. */
    private static void check(Supplier<String> what, long error) {
        if (error != 0) {
            throw new SyscallException(what.get(), (int) error);
        }
    }
}

package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The bpf(2) commands a container runtime needs for cgroup v2 device control: load a
 * BPF_PROG_TYPE_CGROUP_DEVICE program, attach it to a cgroup directory, list and
 * detach the programs attached there. libc has no bpf() wrapper, so the call goes
 * through syscall(2) with union bpf_attr laid out by hand (the offsets are the
 * kernel's UAPI, the same on every 64-bit architecture).
 */
public final class Bpf {
    private Bpf() {}

    /** BPF_PROG_TYPE_CGROUP_DEVICE. */
    public static final int PROG_TYPE_CGROUP_DEVICE = 15;
    /** BPF_CGROUP_DEVICE, the attach type of device programs. */
    public static final int ATTACH_CGROUP_DEVICE = 6;
    /** BPF_F_ALLOW_MULTI: several programs on one cgroup, all must allow. */
    public static final int F_ALLOW_MULTI = 2;

    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_DETACH = 9;
    private static final int BPF_PROG_GET_FD_BY_ID = 13;
    private static final int BPF_PROG_QUERY = 16;
    /** Larger than any bpf_attr member used here; the kernel accepts a longer, zero-filled attr. */
    private static final long ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;

    private static final class Syscall {
        // long syscall(long number, ...): everything after the number is variadic
        static final MethodHandle H = Native.bindErrno("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static long sysBpf() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 321;
            case "aarch64" -> 280;
            default -> throw new UnsupportedOperationException("bpf(2): unknown architecture " + System.getProperty("os.arch"));
        };
    }

    private static long bpf(Arena arena, int cmd, MemorySegment attr, java.util.function.Supplier<String> what) {
        long nr = sysBpf();
        return Native.check(arena, what, s -> (long) Syscall.H.invokeExact(s, nr, (long) cmd, attr, ATTR_SIZE));
    }

    /**
     * Loads a program; returns its file descriptor (close-on-exec, as every bpf fd).
     * A program the verifier refuses fails with its log in the message.
     *
     * @param instructions the program, 8 bytes per instruction, in the host's byte order
     */
    public static int loadCgroupDeviceProgram(byte[] instructions, String license) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocate(instructions.length, 8);
            MemorySegment.copy(instructions, 0, insns, JAVA_BYTE, 0, instructions.length);
            MemorySegment lic = Native.cString(arena, license);
            MemorySegment log = arena.allocate(LOG_SIZE);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, PROG_TYPE_CGROUP_DEVICE);
            attr.set(JAVA_INT, 4, instructions.length / 8);
            attr.set(JAVA_LONG, 8, insns.address());
            attr.set(JAVA_LONG, 16, lic.address());
            attr.set(JAVA_INT, 24, 1);           // log_level: the verifier explains a refusal
            attr.set(JAVA_INT, 28, LOG_SIZE);
            attr.set(JAVA_LONG, 32, log.address());
            try {
                return (int) bpf(arena, BPF_PROG_LOAD, attr,
                        () -> "bpf(BPF_PROG_LOAD, cgroup device program of " + instructions.length / 8 + " instructions)");
            } catch (SyscallException e) {
                String verifier = log.getString(0, StandardCharsets.UTF_8).strip();
                if (verifier.isEmpty()) {
                    throw e;
                }
                throw new SyscallException(e.call() + " [verifier: " + verifier.replace('\n', ' ') + "]", e.errno());
            }
        }
    }

    /** Attaches a loaded device program to the cgroup directory open as {@code cgroupFd}. */
    public static void attachDeviceProgram(int cgroupFd, int progFd, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = attachAttr(arena, cgroupFd, progFd);
            attr.set(JAVA_INT, 12, flags);
            bpf(arena, BPF_PROG_ATTACH, attr, () -> "bpf(BPF_PROG_ATTACH, cgroup fd " + cgroupFd + ", prog fd " + progFd + ")");
        }
    }

    /** Detaches one device program from a cgroup. */
    public static void detachDeviceProgram(int cgroupFd, int progFd) {
        try (Arena arena = Arena.ofConfined()) {
            bpf(arena, BPF_PROG_DETACH, attachAttr(arena, cgroupFd, progFd),
                    () -> "bpf(BPF_PROG_DETACH, cgroup fd " + cgroupFd + ", prog fd " + progFd + ")");
        }
    }

    private static MemorySegment attachAttr(Arena arena, int cgroupFd, int progFd) {
        MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
        attr.set(JAVA_INT, 0, cgroupFd);
        attr.set(JAVA_INT, 4, progFd);
        attr.set(JAVA_INT, 8, ATTACH_CGROUP_DEVICE);
        return attr;
    }

    /** The ids of the device programs attached directly to a cgroup. */
    public static int[] queryDevicePrograms(int cgroupFd) {
        try (Arena arena = Arena.ofConfined()) {
            int max = 64;
            MemorySegment ids = arena.allocate(JAVA_INT, max);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, cgroupFd);
            attr.set(JAVA_INT, 4, ATTACH_CGROUP_DEVICE);
            attr.set(JAVA_LONG, 16, ids.address());
            attr.set(JAVA_INT, 24, max);
            bpf(arena, BPF_PROG_QUERY, attr, () -> "bpf(BPF_PROG_QUERY, cgroup fd " + cgroupFd + ")");
            int count = attr.get(JAVA_INT, 24);
            int[] out = new int[Math.min(count, max)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.getAtIndex(JAVA_INT, i);
            }
            return out;
        }
    }

    /** A file descriptor for a loaded program, by its id. */
    public static int programFdById(int id) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, id);
            return (int) bpf(arena, BPF_PROG_GET_FD_BY_ID, attr, () -> "bpf(BPF_PROG_GET_FD_BY_ID, " + id + ")");
        }
    }
}

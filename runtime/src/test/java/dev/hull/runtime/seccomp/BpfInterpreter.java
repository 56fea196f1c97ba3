package dev.hull.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic-BPF interpreter over {@code struct seccomp_data}, to check in unit tests what a
 * compiled seccomp program decides for a given architecture, syscall number and arguments,
 * without loading it into the kernel.
 */
final class BpfInterpreter {
    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int AUDIT_ARCH_I386 = 0x40000003;
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    static final int X32_SYSCALL_BIT = 0x40000000;

    static final int SECCOMP_RET_KILL_PROCESS = 0x80000000;
    static final int SECCOMP_RET_KILL_THREAD = 0;
    static final int SECCOMP_RET_ALLOW = 0x7fff0000;

    static int errno(int e) {
        return 0x00050000 | e;
    }

    private final byte[] program;

    BpfInterpreter(byte[] program) {
        this.program = program;
    }

    BpfInterpreter(CompiledSeccomp compiled) {
        this(compiled.filter());
    }

    /** The seccomp return value for this call (arguments missing from {@code args} are 0). */
    int run(int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0x401000L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer prog = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int n = program.length / 8;
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        for (int steps = 0; steps < 100_000; steps++) {
            if (pc < 0 || pc >= n) {
                throw new IllegalStateException("BPF program ran off its end at pc " + pc);
            }
            int code = prog.getShort(pc * 8) & 0xffff;
            int jt = prog.get(pc * 8 + 2) & 0xff;
            int jf = prog.get(pc * 8 + 3) & 0xff;
            int k = prog.getInt(pc * 8 + 4);
            pc++;
            switch (code & 0x07) {
                case 0x00 -> { // BPF_LD
                    switch (code) {
                        case 0x20 -> a = load(data, k); // W ABS
                        case 0x00 -> a = k; // W IMM
                        case 0x60 -> a = mem[k]; // W MEM
                        case 0x80 -> a = 64; // W LEN
                        default -> throw unsupported(code, pc);
                    }
                }
                case 0x01 -> { // BPF_LDX
                    switch (code) {
                        case 0x01 -> x = k;
                        case 0x61 -> x = mem[k];
                        case 0x81 -> x = 64;
                        default -> throw unsupported(code, pc);
                    }
                }
                case 0x02 -> mem[k] = a; // BPF_ST
                case 0x03 -> mem[k] = x; // BPF_STX
                case 0x04 -> { // BPF_ALU
                    int src = (code & 0x08) != 0 ? x : k;
                    a = switch (code & 0xf0) {
                        case 0x00 -> a + src;
                        case 0x10 -> a - src;
                        case 0x20 -> a * src;
                        case 0x30 -> Integer.divideUnsigned(a, src);
                        case 0x40 -> a | src;
                        case 0x50 -> a & src;
                        case 0x60 -> a << src;
                        case 0x70 -> a >>> src;
                        case 0x80 -> -a;
                        case 0x90 -> Integer.remainderUnsigned(a, src);
                        case 0xa0 -> a ^ src;
                        default -> throw unsupported(code, pc);
                    };
                }
                case 0x05 -> { // BPF_JMP
                    int src = (code & 0x08) != 0 ? x : k;
                    switch (code & 0xf0) {
                        case 0x00 -> pc += k; // JA
                        case 0x10 -> pc += a == src ? jt : jf;
                        case 0x20 -> pc += Integer.compareUnsigned(a, src) > 0 ? jt : jf;
                        case 0x30 -> pc += Integer.compareUnsigned(a, src) >= 0 ? jt : jf;
                        case 0x40 -> pc += (a & src) != 0 ? jt : jf;
                        default -> throw unsupported(code, pc);
                    }
                }
                case 0x06 -> { // BPF_RET
                    return (code & 0x18) == 0x10 ? a : k;
                }
                case 0x07 -> { // BPF_MISC
                    if ((code & 0xf8) == 0x00) {
                        x = a; // TAX
                    } else {
                        a = x; // TXA
                    }
                }
                default -> throw unsupported(code, pc);
            }
        }
        throw new IllegalStateException("BPF program did not finish");
    }

    private static int load(ByteBuffer data, int off) {
        if (off < 0 || off > 60 || off % 4 != 0) {
            throw new IllegalStateException("BPF load outside seccomp_data at offset " + off);
        }
        return data.getInt(off);
    }

    private static IllegalStateException unsupported(int code, int pc) {
        return new IllegalStateException("unsupported BPF opcode 0x" + Integer.toHexString(code) + " at pc " + (pc - 1));
    }
}

package dev.hull.runtime.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One eBPF instruction as the kernel reads it: opcode, destination and source
 * registers (4 bits each), a signed 16-bit offset and a signed 32-bit immediate,
 * 8 bytes in the host's byte order. Only the opcodes the device filter emits are
 * named here.
 */
record EbpfInsn(int code, int dst, int src, int off, int imm) {

    static final int LDX_MEM_W = 0x61;   // dst = *(u32 *)(src + off)
    static final int ALU64_AND_K = 0x57; // dst &= imm
    static final int ALU64_RSH_K = 0x77; // dst >>= imm
    static final int ALU64_MOV_K = 0xb7; // dst = imm
    static final int ALU64_MOV_X = 0xbf; // dst = src
    static final int JMP_JNE_K = 0x55;   // if dst != imm: pc += off
    static final int JMP_JEQ_K = 0x15;   // if dst == imm: pc += off
    static final int JMP_EXIT = 0x95;    // return r0

    static EbpfInsn load32(int dst, int src, int off) {
        return new EbpfInsn(LDX_MEM_W, dst, src, off, 0);
    }

    static EbpfInsn and(int dst, int imm) {
        return new EbpfInsn(ALU64_AND_K, dst, 0, 0, imm);
    }

    static EbpfInsn rsh(int dst, int imm) {
        return new EbpfInsn(ALU64_RSH_K, dst, 0, 0, imm);
    }

    static EbpfInsn mov(int dst, int imm) {
        return new EbpfInsn(ALU64_MOV_K, dst, 0, 0, imm);
    }

    static EbpfInsn movReg(int dst, int src) {
        return new EbpfInsn(ALU64_MOV_X, dst, src, 0, 0);
    }

    static EbpfInsn jne(int dst, int imm, int off) {
        return new EbpfInsn(JMP_JNE_K, dst, 0, off, imm);
    }

    static EbpfInsn jeq(int dst, int imm, int off) {
        return new EbpfInsn(JMP_JEQ_K, dst, 0, off, imm);
    }

    static EbpfInsn exit() {
        return new EbpfInsn(JMP_EXIT, 0, 0, 0, 0);
    }

    /** The same instruction jumping {@code off} instructions forward. */
    EbpfInsn withOffset(int off) {
        return new EbpfInsn(code, dst, src, off, imm);
    }

    static byte[] encode(List<EbpfInsn> program) {
        ByteBuffer b = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.nativeOrder());
        for (EbpfInsn i : program) {
            b.put((byte) i.code());
            // the register byte holds dst in its low nibble on little-endian hosts, src in the high one
            b.put((byte) (b.order() == ByteOrder.LITTLE_ENDIAN ? (i.src() << 4) | i.dst() : (i.dst() << 4) | i.src()));
            b.putShort((short) i.off());
            b.putInt(i.imm());
        }
        return b.array();
    }
}

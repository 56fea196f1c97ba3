package dev.hull.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny classic-BPF assembler with forward labels, enough for the short seccomp prologue that
 * {@link EnosysStub} puts in front of libseccomp's program. Jump targets are labels; a null label
 * means "the next instruction".
 */
final class BpfAssembler {
    // opcodes (linux/bpf_common.h)
    static final int BPF_LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
    static final int BPF_JMP_JA = 0x05; // BPF_JMP | BPF_JA
    static final int BPF_JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    static final int BPF_JGT_K = 0x25; // BPF_JMP | BPF_JGT | BPF_K
    static final int BPF_JGE_K = 0x35; // BPF_JMP | BPF_JGE | BPF_K
    static final int BPF_JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    static final int BPF_RET_K = 0x06; // BPF_RET | BPF_K

    private record Insn(int code, String jt, String jf, int k, String jaTarget) {}

    private final List<Insn> insns = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    int size() {
        return insns.size();
    }

    /** Binds a label to the next instruction (or to the end of the program). */
    BpfAssembler label(String name) {
        if (labels.putIfAbsent(name, insns.size()) != null) {
            throw new IllegalStateException("BPF label defined twice: " + name);
        }
        return this;
    }

    /** A = *(u32 *)(seccomp_data + offset) */
    BpfAssembler loadAbs(int offset) {
        insns.add(new Insn(BPF_LD_W_ABS, null, null, offset, null));
        return this;
    }

    /** Conditional jump on A compared with k: to {@code jt} when true, to {@code jf} when false. */
    BpfAssembler jump(int code, int k, String jt, String jf) {
        insns.add(new Insn(code, jt, jf, k, null));
        return this;
    }

    /** Unconditional jump (32-bit offset). */
    BpfAssembler ja(String target) {
        insns.add(new Insn(BPF_JMP_JA, null, null, 0, target));
        return this;
    }

    BpfAssembler ret(int k) {
        insns.add(new Insn(BPF_RET_K, null, null, k, null));
        return this;
    }

    /** The program as struct sock_filter[] in host byte order. */
    byte[] assemble() {
        ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.nativeOrder());
        for (int pc = 0; pc < insns.size(); pc++) {
            Insn i = insns.get(pc);
            int k = i.k();
            int jt = 0;
            int jf = 0;
            if (i.code() == BPF_JMP_JA) {
                k = offset(pc, i.jaTarget());
            } else if ((i.code() & 0x07) == 0x05) { // conditional BPF_JMP
                jt = shortOffset(pc, i.jt());
                jf = shortOffset(pc, i.jf());
            }
            out.putShort((short) i.code()).put((byte) jt).put((byte) jf).putInt(k);
        }
        return out.array();
    }

    private int offset(int pc, String label) {
        if (label == null) {
            return 0;
        }
        Integer target = labels.get(label);
        if (target == null) {
            throw new IllegalStateException("BPF label not defined: " + label);
        }
        int off = target - (pc + 1);
        if (off < 0) {
            throw new IllegalStateException("BPF jump backwards to " + label);
        }
        return off;
    }

    private int shortOffset(int pc, String label) {
        int off = offset(pc, label);
        if (off > 255) {
            throw new IllegalStateException("BPF conditional jump to " + label + " is too long (" + off + ")");
        }
        return off;
    }
}

package dev.hull.runtime.seccomp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The -ENOSYS prologue runc puts in front of libseccomp's program (runc
 * libcontainer/seccomp/patchbpf): for every architecture named in the profile, a syscall whose
 * number is greater than the largest one the profile mentions returns ENOSYS instead of the
 * default action. A syscall newer than the profile (clone3, openat2, faccessat2 when they were new)
 * then looks unimplemented, and libc falls back to the older call, where the default action
 * (usually EPERM) would make it fail.
 *
 * <p>Like runc, the prologue is generated only when the default action denies (not ALLOW, LOG or
 * TRACE) and is not already ERRNO(ENOSYS), and only for the architectures the profile lists. On
 * x86_64 the x32 ABI (bit 30 of the syscall number) is told apart; on s390 and s390x syscall 0
 * (the multiplexer for unknown large numbers) also returns ENOSYS.
 */
final class EnosysStub {
    private EnosysStub() {}

    static final int ENOSYS = 38;
    static final int RET_ERRNO_ENOSYS = LibSeccomp.actErrno(ENOSYS);
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int AUDIT_ARCH_X86_64 = 0xC000003E;

    /** offsets in struct seccomp_data */
    static final int SECCOMP_DATA_NR = 0;
    static final int SECCOMP_DATA_ARCH = 4;

    /** An architecture of the profile: libseccomp name ("x86_64") and token. */
    record Arch(String name, int token) {
        /** The AUDIT_ARCH_* value the kernel puts in seccomp_data.arch for this ABI. */
        int auditArch() {
            return name.equals("x32") ? AUDIT_ARCH_X86_64 : token;
        }
    }

    /** Whether runc would prepend the stub for this default action. */
    static boolean wanted(int defaultAction) {
        int kind = defaultAction & 0xffff0000;
        return kind != LibSeccomp.SCMP_ACT_ALLOW
                && kind != LibSeccomp.SCMP_ACT_LOG
                && kind != (LibSeccomp.actTrace(0) & 0xffff0000)
                && defaultAction != RET_ERRNO_ENOSYS;
    }

    /**
     * The prologue for {@code archs} (in profile order), given every syscall name the profile
     * mentions; empty when no architecture has a known syscall. Its last jumps land just past its
     * end, where libseccomp's program must follow.
     */
    static byte[] generate(List<Arch> archs, Collection<String> syscallNames) {
        // audit arch -> (libseccomp arch name -> largest syscall number)
        Map<Integer, Map<String, Integer>> largest = new LinkedHashMap<>();
        for (Arch arch : archs) {
            Map<String, Integer> byAbi = largest.computeIfAbsent(arch.auditArch(), a -> new LinkedHashMap<>());
            if (byAbi.containsKey(arch.name())) {
                continue;
            }
            int max = 0;
            for (String name : syscallNames) {
                int nr = LibSeccomp.syscallResolveNameArch(arch.token(), name);
                if (nr > max) {
                    max = nr;
                }
            }
            if (max > 0) {
                byAbi.put(arch.name(), max);
            }
        }
        largest.values().removeIf(Map::isEmpty);
        if (largest.isEmpty()) {
            return new byte[0];
        }

        BpfAssembler asm = new BpfAssembler();
        List<Integer> auditArchs = new ArrayList<>(largest.keySet());
        asm.loadAbs(SECCOMP_DATA_ARCH);
        for (int i = 0; i < auditArchs.size(); i++) {
            asm.jump(BpfAssembler.BPF_JEQ_K, auditArchs.get(i), "arch" + i, null);
        }
        asm.ja("filter");
        for (int i = 0; i < auditArchs.size(); i++) {
            int audit = auditArchs.get(i);
            Map<String, Integer> byAbi = largest.get(audit);
            String enosys = "enosys" + i;
            String toFilter = "tofilter" + i;
            asm.label("arch" + i);
            asm.loadAbs(SECCOMP_DATA_NR);
            if (audit == AUDIT_ARCH_X86_64) {
                Integer x8664 = byAbi.get("x86_64");
                Integer x32 = byAbi.get("x32");
                if (x8664 != null && x32 != null) {
                    asm.jump(BpfAssembler.BPF_JSET_K, X32_SYSCALL_BIT, "x32_" + i, null);
                    asm.jump(BpfAssembler.BPF_JGT_K, x8664, enosys, toFilter);
                    asm.label("x32_" + i);
                    asm.jump(BpfAssembler.BPF_JGT_K, x32, enosys, toFilter);
                } else if (x8664 != null) {
                    // x32 syscalls go straight to the filter (bad-arch action there)
                    asm.jump(BpfAssembler.BPF_JSET_K, X32_SYSCALL_BIT, toFilter, null);
                    asm.jump(BpfAssembler.BPF_JGT_K, x8664, enosys, toFilter);
                } else {
                    asm.jump(BpfAssembler.BPF_JSET_K, X32_SYSCALL_BIT, null, toFilter);
                    asm.jump(BpfAssembler.BPF_JGT_K, x32, enosys, toFilter);
                }
            } else {
                if (byAbi.size() != 1) {
                    throw new SeccompException("seccomp -ENOSYS stub: architectures " + byAbi.keySet()
                            + " share the audit arch 0x" + Integer.toHexString(audit));
                }
                String name = byAbi.keySet().iterator().next();
                int max = byAbi.get(name);
                if (name.equals("s390") || name.equals("s390x")) {
                    asm.jump(BpfAssembler.BPF_JEQ_K, 0, enosys, null);
                }
                asm.jump(BpfAssembler.BPF_JGT_K, max, enosys, toFilter);
            }
            asm.label(enosys);
            asm.ret(RET_ERRNO_ENOSYS);
            asm.label(toFilter);
            asm.ja("filter");
        }
        asm.label("filter");
        return asm.assemble();
    }
}

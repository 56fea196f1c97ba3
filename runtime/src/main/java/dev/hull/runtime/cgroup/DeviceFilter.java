package dev.hull.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles device cgroup rules into an eBPF program of type CGROUP_DEVICE, the
 * cgroup v2 form of v1's devices.allow/deny. The kernel runs it on every open and
 * mknod of a device node with a {@code struct bpf_cgroup_dev_ctx}: access_type (the
 * device type in the low 16 bits: 1 block, 2 char; the access in the high 16 bits:
 * 1 mknod, 2 read, 4 write), major, minor. It returns 1 to allow, 0 to deny.
 *
 * <p>The rules are tried from the last to the first and the first that matches
 * decides, so a later rule overrides an earlier one, as rules written in order to
 * a v1 devices cgroup do. An allow rule matches a request whose accesses are all in
 * the rule's; a deny rule matches one that asks for any of the rule's accesses.
 * Nothing matching means deny.
 */
public final class DeviceFilter {

    /** The context fields, loaded once into r2..r5 (r1 holds the context pointer). */
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR = 4;
    private static final int MINOR = 5;
    private static final int SCRATCH = 1;

    private DeviceFilter() {
    }

    public static byte[] compile(List<DeviceRule> rules) {
        return EbpfInsn.encode(instructions(rules));
    }

    static List<EbpfInsn> instructions(List<DeviceRule> rules) {
        List<EbpfInsn> p = new ArrayList<>();
        p.add(EbpfInsn.load32(TYPE, 1, 0));
        p.add(EbpfInsn.and(TYPE, 0xffff));
        p.add(EbpfInsn.load32(ACCESS, 1, 0));
        p.add(EbpfInsn.rsh(ACCESS, 16));
        p.add(EbpfInsn.load32(MAJOR, 1, 4));
        p.add(EbpfInsn.load32(MINOR, 1, 8));
        for (DeviceRule r : rules.reversed()) {
            List<EbpfInsn> block = block(r);
            p.addAll(block);
            if (block.size() == 2) {
                // a rule that matches every request decides them all: the kernel's verifier
                // refuses a program with instructions after it that can never run
                return p;
            }
        }
        p.add(EbpfInsn.mov(0, 0));
        p.add(EbpfInsn.exit());
        return p;
    }

    /** One rule: tests that jump past the block when the request does not match, then the verdict. */
    private static List<EbpfInsn> block(DeviceRule r) {
        List<EbpfInsn> tests = new ArrayList<>();
        if (r.type() != 'a') {
            tests.add(EbpfInsn.jne(TYPE, r.type() == 'b' ? 1 : 2, 0));
        }
        int access = access(r.access());
        if (access != 7) {
            tests.add(EbpfInsn.movReg(SCRATCH, ACCESS));
            if (r.allow()) {
                // all requested bits in the rule: (req & ~rule) == 0
                tests.add(EbpfInsn.and(SCRATCH, ~access & 7));
                tests.add(EbpfInsn.jne(SCRATCH, 0, 0));
            } else {
                // any requested bit in the rule: (req & rule) != 0
                tests.add(EbpfInsn.and(SCRATCH, access));
                tests.add(EbpfInsn.jeq(SCRATCH, 0, 0));
            }
        }
        if (r.major() >= 0) {
            tests.add(EbpfInsn.jne(MAJOR, (int) r.major(), 0));
        }
        if (r.minor() >= 0) {
            tests.add(EbpfInsn.jne(MINOR, (int) r.minor(), 0));
        }
        List<EbpfInsn> block = new ArrayList<>();
        int length = tests.size() + 2;
        for (int i = 0; i < tests.size(); i++) {
            EbpfInsn t = tests.get(i);
            boolean jump = t.code() == EbpfInsn.JMP_JNE_K || t.code() == EbpfInsn.JMP_JEQ_K;
            block.add(jump ? t.withOffset(length - i - 1) : t); // to the first instruction after the block
        }
        block.add(EbpfInsn.mov(0, r.allow() ? 1 : 0));
        block.add(EbpfInsn.exit());
        return block;
    }

    private static int access(String rwm) {
        int a = 0;
        for (char c : rwm.toCharArray()) {
            a |= switch (c) {
                case 'm' -> 1;
                case 'r' -> 2;
                case 'w' -> 4;
                default -> throw new IllegalArgumentException("device access \"" + rwm + "\"");
            };
        }
        return a;
    }
}

package dev.hull.runtime.cgroup;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device filter program, run by a small interpreter of the opcodes it emits
 * (decoded from the encoded bytes, so the encoding is tested too).
 */
class DeviceFilterTest {

    private static final int BLOCK = 1;
    private static final int CHAR = 2;
    private static final int MKNOD = 1;
    private static final int READ = 2;
    private static final int WRITE = 4;

    private static DeviceRule rule(boolean allow, char type, long major, long minor, String access) {
        return new DeviceRule(allow, type, major, minor, access);
    }

    /** Runs the program on one request; true = allowed. */
    static boolean allowed(List<DeviceRule> rules, int type, int access, int major, int minor) {
        byte[] code = DeviceFilter.compile(rules);
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        List<EbpfInsn> p = new ArrayList<>();
        while (b.hasRemaining()) {
            int op = b.get() & 0xff;
            int regs = b.get() & 0xff;
            p.add(new EbpfInsn(op, regs & 0xf, regs >> 4, b.getShort(), b.getInt()));
        }
        long[] r = new long[11];
        int[] ctx = {(access << 16) | type, major, minor};
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            EbpfInsn i = p.get(pc++);
            switch (i.code()) {
                case EbpfInsn.LDX_MEM_W -> {
                    assertThat(i.src()).as("loads only from the context in r1").isEqualTo(1);
                    r[i.dst()] = Integer.toUnsignedLong(ctx[i.off() / 4]);
                }
                case EbpfInsn.ALU64_AND_K -> r[i.dst()] &= i.imm();
                case EbpfInsn.ALU64_RSH_K -> r[i.dst()] >>>= i.imm();
                case EbpfInsn.ALU64_MOV_K -> r[i.dst()] = i.imm();
                case EbpfInsn.ALU64_MOV_X -> r[i.dst()] = r[i.src()];
                case EbpfInsn.JMP_JNE_K -> pc += r[i.dst()] != i.imm() ? i.off() : 0;
                case EbpfInsn.JMP_JEQ_K -> pc += r[i.dst()] == i.imm() ? i.off() : 0;
                case EbpfInsn.JMP_EXIT -> {
                    assertThat(r[0]).isIn(0L, 1L);
                    return r[0] == 1;
                }
                default -> throw new AssertionError("unexpected opcode " + Integer.toHexString(i.code()));
            }
        }
        throw new AssertionError("program did not exit");
    }

    @Test
    void denyAllDeniesEverything() {
        List<DeviceRule> rules = List.of(rule(false, 'a', -1, -1, "rwm"));
        assertThat(allowed(rules, CHAR, READ, 1, 3)).isFalse();
        assertThat(allowed(rules, BLOCK, MKNOD, 8, 0)).isFalse();
    }

    @Test
    void allowAllAllowsEverything() {
        List<DeviceRule> rules = List.of(rule(true, 'a', -1, -1, "rwm"));
        assertThat(allowed(rules, CHAR, READ | WRITE, 1, 5)).isTrue();
        assertThat(allowed(rules, BLOCK, MKNOD, 8, 0)).isTrue();
    }

    @Test
    void theContainerDefaultsAllowTheStandardDevicesAndMknodOnly() {
        List<DeviceRule> rules = DeviceRule.forContainer(null, List.of());
        assertThat(allowed(rules, CHAR, READ | WRITE, 1, 3)).as("/dev/null").isTrue();
        assertThat(allowed(rules, CHAR, READ, 136, 4)).as("a pty").isTrue();
        assertThat(allowed(rules, BLOCK, READ, 8, 0)).as("/dev/sda").isFalse();
        assertThat(allowed(rules, BLOCK, MKNOD, 8, 0)).as("mknod of any node").isTrue();
        assertThat(allowed(rules, CHAR, READ, 10, 229)).as("/dev/fuse").isFalse();
        assertThat(allowed(rules, CHAR, MKNOD | READ, 10, 229)).as("mknod with read").isFalse();
    }

    @Test
    void wildcardsAndPartialAccess() {
        List<DeviceRule> rules = List.of(rule(false, 'a', -1, -1, "rwm"), rule(true, 'c', 4, -1, "r"),
                rule(true, 'b', -1, 0, "rw"));
        assertThat(allowed(rules, CHAR, READ, 4, 7)).isTrue();
        assertThat(allowed(rules, CHAR, READ | WRITE, 4, 7)).as("write is not in r").isFalse();
        assertThat(allowed(rules, CHAR, READ, 5, 7)).isFalse();
        assertThat(allowed(rules, BLOCK, WRITE, 253, 0)).isTrue();
        assertThat(allowed(rules, BLOCK, WRITE, 253, 1)).isFalse();
        assertThat(allowed(rules, CHAR, WRITE, 253, 0)).as("type matters").isFalse();
    }

    @Test
    void aLaterRuleOverridesAnEarlierOne() {
        List<DeviceRule> rules = List.of(rule(true, 'a', -1, -1, "rwm"), rule(false, 'c', 1, 5, "w"));
        assertThat(allowed(rules, CHAR, READ, 1, 5)).as("read is not denied").isTrue();
        assertThat(allowed(rules, CHAR, READ | WRITE, 1, 5)).as("a request asking for write").isFalse();
        assertThat(allowed(rules, CHAR, WRITE, 1, 3)).isTrue();
        List<DeviceRule> reallowed = List.of(rule(false, 'c', 1, 5, "rwm"), rule(true, 'c', 1, 5, "rw"));
        assertThat(allowed(reallowed, CHAR, READ | WRITE, 1, 5)).isTrue();
        assertThat(allowed(reallowed, CHAR, MKNOD, 1, 5)).isFalse();
    }
}

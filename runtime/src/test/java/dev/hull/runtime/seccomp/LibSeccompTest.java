package dev.hull.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LibSeccompTest {

    @BeforeAll
    static void available() {
        assumeTrue(LibSeccomp.isAvailable(), "libseccomp.so.2 is not installed");
    }

    @Test
    void versionAndApiLevel() {
        assertThat(LibSeccomp.version()).matches("2\\.\\d+\\.\\d+");
        assertThat(LibSeccomp.apiLevel()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void scmpArgCmpIs24Bytes() {
        assertThat(LibSeccomp.SCMP_ARG_CMP.byteSize()).isEqualTo(24);
        assertThat(LibSeccomp.SCMP_ARG_CMP.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("datum_a")))
                .isEqualTo(8);
    }

    @Test
    void resolvesArchitecturesAndSyscalls() {
        int x8664 = LibSeccomp.archResolveName("x86_64");
        int x86 = LibSeccomp.archResolveName("x86");
        assertThat(x8664).isEqualTo(0xC000003E);
        assertThat(x86).isEqualTo(0x40000003);
        assertThat(LibSeccomp.archResolveName("aarch64")).isEqualTo(0xC00000B7);
        assertThat(LibSeccomp.archResolveName("vax")).isZero();
        assertThat(LibSeccomp.syscallResolveNameArch(x8664, "mkdir")).isEqualTo(83);
        assertThat(LibSeccomp.syscallResolveNameArch(x86, "mkdir")).isEqualTo(39);
        assertThat(LibSeccomp.syscallResolveNameArch(x8664, "hull_no_such_syscall")).isEqualTo(LibSeccomp.NR_SCMP_ERROR);
        assertThat(LibSeccomp.syscallResolveNumArch(x8664, 83)).isEqualTo("mkdir");
        assertThat(LibSeccomp.syscallResolveNumArch(x8664, 100_000)).isNull();
        if (LibSeccomp.archNative() == x8664) {
            assertThat(LibSeccomp.syscallResolveName("openat")).isEqualTo(257);
        }
    }

    @Test
    void errorsNameTheCallAndTheErrno() {
        MemorySegment ctx = LibSeccomp.init(LibSeccomp.SCMP_ACT_ALLOW);
        try {
            // libseccomp refuses a rule whose action is the default action (-EACCES)
            assertThatThrownBy(() -> LibSeccomp.ruleAdd(ctx, LibSeccomp.SCMP_ACT_ALLOW, 83, List.of(), "mkdir"))
                    .isInstanceOf(SeccompException.class)
                    .hasMessage("seccomp_rule_add_array(mkdir): Permission denied");
            // an invalid comparison operator (-EINVAL)
            assertThatThrownBy(() -> LibSeccomp.ruleAdd(ctx, LibSeccomp.actErrno(1), 83,
                    List.of(new LibSeccomp.ArgCmp(0, 99, 0, 0)), "mkdir"))
                    .hasMessage("seccomp_rule_add_array(mkdir): Invalid argument");
            assertThatThrownBy(() -> LibSeccomp.attrSet(ctx, 1234, 0))
                    .hasMessage("seccomp_attr_set(attr 1234, 0): Invalid argument");
            assertThat(LibSeccomp.archAdd(ctx, LibSeccomp.archNative())).isFalse();
            assertThat(LibSeccomp.archAdd(ctx, LibSeccomp.archResolveName("aarch64"))).isTrue();
            assertThat(LibSeccomp.archExists(ctx, LibSeccomp.archResolveName("aarch64"))).isTrue();
            assertThat(LibSeccomp.archRemove(ctx, LibSeccomp.archResolveName("aarch64"))).isTrue();
            assertThat(LibSeccomp.archExists(ctx, LibSeccomp.archResolveName("aarch64"))).isFalse();
        } finally {
            LibSeccomp.release(ctx);
        }
        assertThatThrownBy(() -> LibSeccomp.init(0x12345678))
                .hasMessageStartingWith("seccomp_init(0x12345678): failed");
    }

    @Test
    void exportsBpfAndPfcOfAnEmptyFilter() {
        MemorySegment ctx = LibSeccomp.init(LibSeccomp.SCMP_ACT_ALLOW);
        try {
            byte[] bpf = LibSeccomp.exportBpf(ctx);
            assertThat(bpf).isNotEmpty();
            assertThat(bpf.length % 8).isZero();
            assertThat(LibSeccomp.exportPfc(ctx)).contains("pseudo filter code start").contains("action ALLOW;");
        } finally {
            LibSeccomp.release(ctx);
        }
    }

    @Test
    void largeExportsAreReadCompletely() {
        // more than a pipe buffer of PFC text
        MemorySegment ctx = LibSeccomp.init(LibSeccomp.SCMP_ACT_ALLOW);
        try {
            int nativeArch = LibSeccomp.archNative();
            for (String arch : List.of("x86_64", "x86", "x32", "aarch64", "arm", "riscv64", "ppc64le")) {
                LibSeccomp.archAdd(ctx, LibSeccomp.archResolveName(arch));
            }
            for (int nr = 0; nr < 450; nr++) {
                if (LibSeccomp.syscallResolveNumArch(nativeArch, nr) != null) {
                    LibSeccomp.ruleAdd(ctx, LibSeccomp.actErrno(1), nr,
                            List.of(new LibSeccomp.ArgCmp(0, LibSeccomp.SCMP_CMP_EQ, nr, 0)), "#" + nr);
                }
            }
            String pfc = LibSeccomp.exportPfc(ctx);
            assertThat(pfc.length()).isGreaterThan(128 * 1024);
            byte[] bpf = LibSeccomp.exportBpf(ctx);
            assertThat(bpf.length).isGreaterThan(32 * 1024);
            assertThat(LibSeccomp.exportBpfWithRead(ctx)).isEqualTo(bpf);
            assertThat(pfc).endsWith("# pseudo filter code end\n#\n");
        } finally {
            LibSeccomp.release(ctx);
        }
    }
}

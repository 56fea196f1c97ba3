package dev.hull.runtime.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecTablesTest {

    @Test
    void capabilityNumbersAreTheKernels() {
        assertThat(Capabilities.number("CAP_CHOWN")).isZero();
        assertThat(Capabilities.number("CAP_KILL")).isEqualTo(5);
        assertThat(Capabilities.number("CAP_NET_BIND_SERVICE")).isEqualTo(10);
        assertThat(Capabilities.number("CAP_SYS_ADMIN")).isEqualTo(21);
        assertThat(Capabilities.number("CAP_MKNOD")).isEqualTo(27);
        assertThat(Capabilities.number("CAP_AUDIT_WRITE")).isEqualTo(29);
        assertThat(Capabilities.number("CAP_SETFCAP")).isEqualTo(31);
        assertThat(Capabilities.number("CAP_AUDIT_READ")).isEqualTo(37);
        assertThat(Capabilities.number("CAP_BPF")).isEqualTo(39);
        assertThat(Capabilities.number("CAP_CHECKPOINT_RESTORE")).isEqualTo(40);
        assertThat(Capabilities.LAST).isEqualTo(40);
        assertThat(Capabilities.names()).hasSize(41).doesNotHaveDuplicates();
        assertThat(Capabilities.number("CAP_FOO")).isEqualTo(-1);
        assertThat(Capabilities.number("cap_kill")).isEqualTo(-1);
        assertThat(Capabilities.name(40)).isEqualTo("CAP_CHECKPOINT_RESTORE");
        assertThat(Capabilities.name(41)).isNull();
    }

    @Test
    void capabilityMasks() {
        long m = Capabilities.mask(List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"));
        assertThat(m).isEqualTo((1L << 29) | (1L << 5) | (1L << 10));
        assertThat(Capabilities.mask(List.of("CAP_CHECKPOINT_RESTORE"))).isEqualTo(1L << 40);
        assertThat(Capabilities.names(m)).containsExactly("CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE");
        assertThatThrownBy(() -> Capabilities.mask(List.of("CAP_FOO"))).hasMessage("unknown capability \"CAP_FOO\"");
    }

    @Test
    void rlimitNumbersAreTheKernels() {
        assertThat(Rlimits.number("RLIMIT_CPU")).isZero();
        assertThat(Rlimits.number("RLIMIT_STACK")).isEqualTo(3);
        assertThat(Rlimits.number("RLIMIT_NPROC")).isEqualTo(6);
        assertThat(Rlimits.number("RLIMIT_NOFILE")).isEqualTo(7);
        assertThat(Rlimits.number("RLIMIT_AS")).isEqualTo(9);
        assertThat(Rlimits.number("RLIMIT_RTTIME")).isEqualTo(15);
        assertThat(Rlimits.names()).hasSize(16);
        assertThat(Rlimits.number("RLIMIT_FOO")).isEqualTo(-1);
        assertThat(Rlimits.format(-1)).isEqualTo("unlimited");
        assertThat(Rlimits.format(1024)).isEqualTo("1024");
    }

    @Test
    void namespaceTable() {
        assertThat(LinuxNamespace.cloneFlag("mount")).isEqualTo(0x00020000);
        assertThat(LinuxNamespace.cloneFlag("network")).isEqualTo(0x40000000);
        assertThat(LinuxNamespace.cloneFlag("user")).isEqualTo(0x10000000);
        assertThat(LinuxNamespace.cloneFlag("time")).isEqualTo(0x80);
        assertThat(LinuxNamespace.procName("network")).isEqualTo("net");
        assertThat(LinuxNamespace.procName("mount")).isEqualTo("mnt");
        assertThat(LinuxNamespace.procName("cgroup")).isEqualTo("cgroup");
        assertThatThrownBy(() -> LinuxNamespace.procName("foo")).isInstanceOf(IllegalArgumentException.class);
    }
}

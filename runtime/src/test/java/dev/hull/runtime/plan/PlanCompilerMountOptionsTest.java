package dev.hull.runtime.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hull.runtime.plan.MountOptions.MS_BIND;
import static dev.hull.runtime.plan.MountOptions.MS_NOATIME;
import static dev.hull.runtime.plan.MountOptions.MS_NODEV;
import static dev.hull.runtime.plan.MountOptions.MS_NOEXEC;
import static dev.hull.runtime.plan.MountOptions.MS_NOSUID;
import static dev.hull.runtime.plan.MountOptions.MS_PRIVATE;
import static dev.hull.runtime.plan.MountOptions.MS_RDONLY;
import static dev.hull.runtime.plan.MountOptions.MS_REC;
import static dev.hull.runtime.plan.MountOptions.MS_RELATIME;
import static dev.hull.runtime.plan.MountOptions.MS_SHARED;
import static dev.hull.runtime.plan.MountOptions.MS_SLAVE;
import static dev.hull.runtime.plan.MountOptions.MS_STRICTATIME;
import static dev.hull.runtime.plan.MountOptions.MS_UNBINDABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCompilerMountOptionsTest {

    @Test
    void flagWordsSetAndClearInOrder() {
        assertThat(MountOptions.parse(List.of("ro", "nosuid", "nodev", "noexec")).flags())
                .isEqualTo(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
        assertThat(MountOptions.parse(List.of("ro", "rw")).flags()).isZero();
        assertThat(MountOptions.parse(List.of("rw", "ro")).flags()).isEqualTo(MS_RDONLY);
        assertThat(MountOptions.parse(List.of("nosuid", "suid", "nodev", "dev", "noexec", "exec")).flags()).isZero();
        assertThat(MountOptions.parse(List.of("noatime", "relatime", "norelatime", "strictatime")).flags())
                .isEqualTo(MS_NOATIME | MS_STRICTATIME);
        assertThat(MountOptions.parse(List.of("relatime", "defaults")).flags()).isEqualTo(MS_RELATIME);
        assertThat(MountOptions.parse(List.of("remount", "mand", "sync", "dirsync", "nosymfollow")).flags())
                .isEqualTo(32 | 64 | 16 | 128 | 256);
    }

    @Test
    void bindPropagationAndData() {
        MountOptions o = MountOptions.parse(List.of("rbind", "ro", "rprivate", "size=65536k", "mode=755", "slave"));
        assertThat(o.bind()).isTrue();
        assertThat(o.recursive()).isTrue();
        assertThat(o.flags()).isEqualTo(MS_BIND | MS_REC | MS_RDONLY);
        assertThat(o.propagation()).containsExactly(MS_PRIVATE | MS_REC, MS_SLAVE);
        assertThat(o.data()).isEqualTo("size=65536k,mode=755");
        MountOptions b = MountOptions.parse(List.of("bind"));
        assertThat(b.bind()).isTrue();
        assertThat(b.recursive()).isFalse();
        assertThat(MountOptions.parse(List.of("newinstance", "ptmxmode=0666", "mode=0620", "gid=5")).data())
                .isEqualTo("newinstance,ptmxmode=0666,mode=0620,gid=5");
        assertThat(MountOptions.parse(List.of()).data()).isEmpty();
        assertThat(MountOptions.parse(List.of("shared", "rshared", "unbindable", "runbindable")).propagation())
                .containsExactly(MS_SHARED, MS_SHARED | MS_REC, MS_UNBINDABLE, MS_UNBINDABLE | MS_REC);
    }

    @Test
    void recursiveAttributesAndExtensionsAreRefused() {
        for (String o : List.of("rro", "rnosuid", "rnoexec", "ratime", "tmpcopyup", "idmap", "ridmap")) {
            assertThatThrownBy(() -> MountOptions.parse(List.of("rbind", o))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"" + o + "\" is not supported yet");
        }
    }

    @Test
    void namesForFeaturesAndDescriptions() {
        assertThat(MountOptions.KNOWN).contains("ro", "rw", "bind", "rbind", "rprivate", "strictatime", "nosymfollow")
                .doesNotContain("rro", "mode=755").doesNotHaveDuplicates();
        assertThat(MountOptions.describe(MS_RDONLY | MS_NOSUID | MS_NODEV)).isEqualTo("ro,nosuid,nodev");
        assertThat(MountOptions.propagationName(MS_SLAVE | MS_REC)).isEqualTo("rslave");
        assertThat(MountOptions.propagationFlag("rshared")).isEqualTo(MS_SHARED | MS_REC);
        assertThat(MountOptions.propagationFlag(null)).isZero();
    }
}

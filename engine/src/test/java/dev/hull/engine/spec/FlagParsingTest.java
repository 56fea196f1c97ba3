package dev.hull.engine.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlagParsingTest {

    @Test
    void ulimitsTakeSoftAndOptionalHard() {
        assertThat(Ulimit.parse("nofile=1024:2048")).isEqualTo(new Ulimit("nofile", 1024, 2048));
        assertThat(Ulimit.parse("nproc=512")).isEqualTo(new Ulimit("nproc", 512, 512));
        assertThat(Ulimit.parse("core=-1").toRlimit().type()).isEqualTo("RLIMIT_CORE");
        assertThatThrownBy(() -> Ulimit.parse("nofile")).hasMessageContaining("invalid ulimit argument: nofile");
        assertThatThrownBy(() -> Ulimit.parse("bogus=1")).hasMessageContaining("invalid ulimit type: bogus");
        assertThatThrownBy(() -> Ulimit.parse("nofile=10:5")).hasMessageContaining("10 > 5");
        assertThatThrownBy(() -> Ulimit.parse("nofile=x")).hasMessageContaining("parsing \"x\"");
        assertThatThrownBy(() -> Ulimit.parse("nofile=1:2:3")).hasMessageContaining("too many limit value");
    }

    @Test
    void volumeFlagsAreBindsWhenTheSourceIsAPath() {
        assertThat(MountRequest.volumeFlag("/host:/ctr:ro")).isEqualTo(
                new MountRequest(MountRequest.Type.BIND, "/host", "/ctr", true, List.of()));
        assertThat(MountRequest.volumeFlag("data:/var/lib/data")).isEqualTo(
                new MountRequest(MountRequest.Type.VOLUME, "data", "/var/lib/data", false, List.of()));
        assertThat(MountRequest.volumeFlag("/anon")).isEqualTo(
                new MountRequest(MountRequest.Type.VOLUME, null, "/anon", false, List.of()));
        assertThat(MountRequest.volumeFlag("/a:/b:rw,rshared").options()).containsExactly("rshared");
        assertThatThrownBy(() -> MountRequest.volumeFlag("/a:/b:bogus")).hasMessage("invalid mode: bogus");
        assertThatThrownBy(() -> MountRequest.volumeFlag("/a:rel")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> MountRequest.volumeFlag("a:b:c:d")).hasMessageContaining("too many colons");
        assertThatThrownBy(() -> MountRequest.volumeFlag(":/b")).hasMessageContaining("empty section");
    }

    @Test
    void mountFlagsTakeDockersKeys() {
        assertThat(MountRequest.mountFlag("type=bind,source=/a,target=/b,readonly")).isEqualTo(
                new MountRequest(MountRequest.Type.BIND, "/a", "/b", true, List.of()));
        assertThat(MountRequest.mountFlag("type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770").options())
                .containsExactly("size=1m", "mode=1770");
        assertThat(MountRequest.mountFlag("src=vol,target=/v").type()).isEqualTo(MountRequest.Type.VOLUME);
        assertThatThrownBy(() -> MountRequest.mountFlag("type=bind,target=/b"))
                .hasMessageContaining("source is required when type is bind");
        assertThatThrownBy(() -> MountRequest.mountFlag("type=bind,source=/a"))
                .hasMessageContaining("target is required");
        assertThatThrownBy(() -> MountRequest.mountFlag("type=nfs,target=/a")).hasMessageContaining("invalid type");
        assertThatThrownBy(() -> MountRequest.mountFlag("type=bind,src=/a,dst=/b,color=red"))
                .hasMessageContaining("unexpected key 'color'");
    }

    @Test
    void tmpfsFlagsKeepTheirOptions() {
        assertThat(MountRequest.tmpfsFlag("/run:size=64m,mode=1777")).isEqualTo(
                new MountRequest(MountRequest.Type.TMPFS, null, "/run", false, List.of("size=64m", "mode=1777")));
        assertThat(MountRequest.tmpfsFlag("/cache:ro").readOnly()).isTrue();
    }

    @Test
    void devicesTakeAnOptionalPathAndPermissions() {
        assertThat(DeviceRequest.parse("/dev/fuse")).isEqualTo(new DeviceRequest("/dev/fuse", "/dev/fuse", "rwm"));
        assertThat(DeviceRequest.parse("/dev/null:/dev/mynull")).isEqualTo(
                new DeviceRequest("/dev/null", "/dev/mynull", "rwm"));
        assertThat(DeviceRequest.parse("/dev/null:r")).isEqualTo(new DeviceRequest("/dev/null", "/dev/null", "r"));
        assertThat(DeviceRequest.parse("/dev/null:/dev/n:rw").permissions()).isEqualTo("rw");
        assertThatThrownBy(() -> DeviceRequest.parse("/dev/null:/dev/n:rx")).hasMessageContaining("invalid device mode");
        assertThatThrownBy(() -> DeviceRequest.parse("dev/null")).hasMessageContaining("not an absolute path");
    }

    @Test
    void hostEntriesNeedAnAddress() {
        assertThat(HostEntry.parse("db:10.0.0.5")).isEqualTo(new HostEntry("db", "10.0.0.5"));
        assertThat(HostEntry.parse("db=::1")).isEqualTo(new HostEntry("db", "::1"));
        assertThat(HostEntry.parse("v6:[fe80::1]")).isEqualTo(new HostEntry("v6", "fe80::1"));
        assertThat(HostEntry.parse("gw:host-gateway").address()).isEqualTo("host-gateway");
        assertThatThrownBy(() -> HostEntry.parse("db")).hasMessageContaining("bad format for add-host");
        assertThatThrownBy(() -> HostEntry.parse("db:example.com")).hasMessageContaining("invalid IP address");
    }

    @Test
    void capabilitiesStartFromDockersSet() {
        assertThat(CapabilitySet.resolve(List.of(), List.of(), false)).containsExactlyElementsOf(
                CapabilitySet.DOCKER_DEFAULT);
        assertThat(CapabilitySet.resolve(List.of("sys_admin"), List.of("CHOWN"), false))
                .contains("CAP_SYS_ADMIN").doesNotContain("CAP_CHOWN");
        assertThat(CapabilitySet.resolve(List.of("NET_ADMIN"), List.of("ALL"), false)).containsExactly("CAP_NET_ADMIN");
        assertThat(CapabilitySet.resolve(List.of("ALL"), List.of("CAP_MKNOD"), false))
                .contains("CAP_SYS_ADMIN", "CAP_BPF").doesNotContain("CAP_MKNOD");
        assertThat(CapabilitySet.resolve(List.of(), List.of(), true)).hasSize(41);
        assertThatThrownBy(() -> CapabilitySet.resolve(List.of("FLY"), List.of(), false))
                .hasMessage("invalid CapAdd: unknown capability: \"CAP_FLY\"");
    }
}

package dev.hull.engine.spec;

import dev.hull.image.oci.ContainerConfig;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Mount;
import dev.hull.runtime.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerSpecBuilderTest {

    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path rootfs;

    private static ContainerConfig image(List<String> entrypoint, List<String> cmd, List<String> env, String workdir,
                                         String user) {
        return new ContainerConfig(user, Set.of(), env, entrypoint, cmd, Set.of(), workdir, Map.of(), null, null,
                null);
    }

    private Spec build(RunOptions o, ContainerConfig image) {
        return ContainerSpecBuilder.build(ID, o, image, rootfs.toString(), new UserResolver(rootfs), Map.of(),
                List.of());
    }

    @Test
    void theImageConfigRunsWhenNoFlagOverridesIt() {
        Spec s = build(RunOptions.builder().build(),
                image(List.of("/entry"), List.of("serve"), List.of("A=1", "PATH=/opt/bin"), "/srv", null));
        assertThat(s.process().args()).containsExactly("/entry", "serve");
        assertThat(s.process().env()).containsExactly("PATH=/opt/bin", "HOSTNAME=0123456789ab", "A=1");
        assertThat(s.process().cwd()).isEqualTo("/srv");
        assertThat(s.hostname()).isEqualTo("0123456789ab");
        assertThat(s.process().user().uid()).isZero();
        assertThat(s.process().capabilities().bounding()).containsExactlyElementsOf(CapabilitySet.DOCKER_DEFAULT);
        assertThat(s.linuxOrEmpty().maskedPaths()).contains("/proc/kcore", "/sys/firmware");
        assertThat(s.linuxOrEmpty().readonlyPaths()).contains("/proc/sys");
        assertThat(s.linuxOrEmpty().namespaces()).extracting(LinuxNamespace::type)
                .containsExactly("mount", "pid", "ipc", "uts", "network");
        assertThat(s.mounts()).extracting(Mount::destination).containsExactly("/proc", "/dev", "/dev/pts", "/sys",
                "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm");
        assertThat(s.mounts().get(6).options()).contains("size=" + (64L << 20));
    }

    @Test
    void entrypointFlagDropsTheImageCmdAndArgumentsReplaceIt() {
        ContainerConfig img = image(List.of("/entry"), List.of("serve"), List.of(), null, null);
        assertThat(build(RunOptions.builder().entrypoint(List.of("/bin/sh")).build(), img).process().args())
                .containsExactly("/bin/sh");
        assertThat(build(RunOptions.builder().cmd(List.of("x", "y")).build(), img).process().args())
                .containsExactly("/entry", "x", "y");
        assertThatThrownBy(() -> build(RunOptions.builder().build(), image(null, null, List.of(), null, null)))
                .hasMessage("no command specified");
    }

    @Test
    void envFlagsOverrideTheImageAndATerminalSetsTerm() {
        Spec s = build(RunOptions.builder().tty(true).env("A=2").env("B").hostname("web").build(),
                image(null, List.of("sh"), List.of("A=1"), null, null));
        assertThat(s.process().env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=web", "TERM=xterm", "A=2");
        assertThat(s.process().terminal()).isTrue();
        assertThatThrownBy(() -> build(RunOptions.builder().env("=x").build(), image(null, List.of("sh"), List.of(),
                null, null))).hasMessage("invalid environment variable: =x");
    }

    @Test
    void usersResolveByTheImagesPasswdAndGroup() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\naudio:x:29:app\nvideo:x:44:app,root\n");
        ContainerConfig img = image(null, List.of("sh"), List.of(), null, "app");
        var u = build(RunOptions.builder().build(), img).process().user();
        assertThat(u.uid()).isEqualTo(1000);
        assertThat(u.gid()).isEqualTo(1000);
        assertThat(u.additionalGids()).containsExactly(29L, 44L);
        var v = build(RunOptions.builder().user("4242:audio").build(), img).process().user();
        assertThat(v.uid()).isEqualTo(4242);
        assertThat(v.gid()).isEqualTo(29);
        assertThatThrownBy(() -> build(RunOptions.builder().user("nobody").build(), img))
                .hasMessage("unable to find user nobody: no matching entries in passwd file");
        assertThatThrownBy(() -> build(RunOptions.builder().user("app:nogroup").build(), img))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
    }

    @Test
    void aPasswdSymlinkOutOfTheImageIsRefused() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> build(RunOptions.builder().user("root").build(),
                image(null, List.of("sh"), List.of(), null, null))).hasMessageContaining("points outside it");
    }

    @Test
    void resourceFlagsLandInLinuxResources() {
        Spec s = build(RunOptions.builder().memory(256L << 20).memorySwap(512L << 20).memoryReservation(128L << 20)
                .cpus(0.5).cpuShares(512L).cpusetCpus("0").pidsLimit(64L).build(),
                image(null, List.of("sh"), List.of(), null, null));
        var r = s.linuxOrEmpty().resources();
        assertThat(r.at("/memory/limit").asLong()).isEqualTo(256L << 20);
        assertThat(r.at("/memory/swap").asLong()).isEqualTo(512L << 20);
        assertThat(r.at("/memory/reservation").asLong()).isEqualTo(128L << 20);
        assertThat(r.at("/cpu/quota").asLong()).isEqualTo(50_000);
        assertThat(r.at("/cpu/period").asLong()).isEqualTo(100_000);
        assertThat(r.at("/cpu/shares").asLong()).isEqualTo(512);
        assertThat(r.at("/cpu/cpus").asText()).isEqualTo("0");
        assertThat(r.at("/pids/limit").asLong()).isEqualTo(64);
        assertThatThrownBy(() -> build(RunOptions.builder().memory(512L << 20).memorySwap(256L << 20).build(),
                image(null, List.of("sh"), List.of(), null, null))).hasMessageContaining("larger than memory limit");
        assertThatThrownBy(() -> build(RunOptions.builder().memorySwap(256L << 20).build(),
                image(null, List.of("sh"), List.of(), null, null))).hasMessageContaining("set the memory limit");
    }

    @Test
    void privilegedDropsMasksAndAllowsAllDevices() {
        Spec s = build(RunOptions.builder().privileged(true).build(), image(null, List.of("sh"), List.of(), null, null));
        assertThat(s.linuxOrEmpty().maskedPaths()).isEmpty();
        assertThat(s.linuxOrEmpty().readonlyPaths()).isEmpty();
        assertThat(s.process().capabilities().bounding()).hasSize(41);
        assertThat(s.linuxOrEmpty().resources().at("/devices/0/allow").asBoolean()).isTrue();
        assertThat(s.mounts().get(3).options()).contains("rw");
    }

    @Test
    void hostAndJoinedNamespacesAndUserMounts() {
        Spec s = ContainerSpecBuilder.build(ID, RunOptions.builder().pid(NamespaceMode.HOST)
                        .network(NamespaceMode.join("/proc/42/ns/net")).uts(NamespaceMode.HOST).readOnly(true)
                        .mount(MountRequest.volumeFlag("/data:/data:ro"))
                        .mount(MountRequest.tmpfsFlag("/run:size=1m"))
                        .device(DeviceRequest.parse("/dev/null:/dev/mynull:r")).build(),
                image(null, List.of("sh"), List.of(), null, null), rootfs.toString(), new UserResolver(rootfs),
                Map.of("hosts", "/var/lib/hull/c/hosts"),
                List.of(new LinuxDevice("c", "/dev/mynull", 1L, 3L, 0666L, 0L, 0L)));
        assertThat(s.linuxOrEmpty().namespaces()).containsExactly(LinuxNamespace.create("mount"),
                LinuxNamespace.create("ipc"), new LinuxNamespace("network", "/proc/42/ns/net"));
        assertThat(s.hostname()).isNull();
        assertThat(s.root().readonly()).isTrue();
        assertThat(s.mounts()).extracting(Mount::destination).endsWith("/etc/hosts", "/data", "/run");
        assertThat(s.mounts().get(s.mounts().size() - 2).options()).containsExactly("rbind", "ro", "rprivate");
        assertThat(s.mounts().getLast().options()).containsExactly("nosuid", "nodev", "noexec", "size=1m");
        var dev = s.linuxOrEmpty().resources().at("/devices/1");
        assertThat(dev.get("access").asText()).isEqualTo("r");
        assertThat(dev.get("major").asLong()).isEqualTo(1);
        assertThat(s.linuxOrEmpty().devices()).hasSize(1);
    }
}

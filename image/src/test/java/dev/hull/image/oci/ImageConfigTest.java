package dev.hull.image.oci;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.hull.image.oci.Samples.H2;
import static dev.hull.image.oci.Samples.H3;
import static dev.hull.image.oci.Samples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageConfigTest {

    @Test
    void readsADockerConfig() {
        byte[] b = bytes(Samples.DOCKER_CONFIG);
        ImageConfig c = ImageConfig.parse(b);
        assertThat(c.digest()).isEqualTo(Digest.sha256(b));
        assertThat(c.platform()).isEqualTo(new Platform("linux", "amd64"));
        assertThat(c.createdInstant()).contains(Instant.parse("2024-04-02T08:09:10.123456789Z"));
        ContainerConfig cc = c.config();
        assertThat(cc.user()).isEqualTo("app");
        assertThat(cc.exposedPorts()).containsExactly("8080/tcp");
        assertThat(cc.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8");
        assertThat(cc.entrypoint()).containsExactly("/bin/app");
        assertThat(cc.cmd()).containsExactly("serve", "--port", "8080");
        assertThat(cc.volumes()).containsExactly("/data");
        assertThat(cc.workingDir()).isEqualTo("/srv");
        assertThat(cc.labels()).isEqualTo(Map.of("maintainer", "ops"));
        assertThat(cc.stopSignal()).isEqualTo("SIGTERM");
        assertThat(c.diffIds()).extracting(Digest::hex).containsExactly(H2, H3);
        assertThat(c.history()).hasSize(3);
        assertThat(c.history().get(1).emptyLayer()).isTrue();
        assertThat(c.history().get(2).comment()).isEqualTo("buildkit.dockerfile.v0");
        assertThat(c.unknown().json()).containsKeys("container", "container_config", "docker_version");
        assertThat(cc.unknown().json()).containsKeys("Hostname", "Healthcheck", "Image", "OnBuild", "Tty");
    }

    @Test
    void unsetEntrypointDiffersFromEmpty() {
        ImageConfig c = ImageConfig.parse(bytes(
                "{\"os\":\"linux\",\"architecture\":\"arm64\",\"config\":{\"Entrypoint\":[]},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"));
        assertThat(c.config().entrypoint()).isEmpty();
        assertThat(c.config().cmd()).isNull();
        assertThat(c.createdInstant()).isEmpty();
    }

    @Test
    void rewritingKeepsUnknownFields() {
        ImageConfig c = ImageConfig.parse(bytes(Samples.DOCKER_CONFIG));
        Digest layer = Digest.sha256(new byte[] {9});
        ImageConfig changed = c.withConfig(c.config().withCmd(List.of("other")))
                .withLayer(layer, new History("2024-05-01T00:00:00Z", "RUN make", false))
                .withCreated("2024-05-01T00:00:00Z");
        assertThat(changed.digest()).isNotEqualTo(c.digest());

        ImageConfig back = ImageConfig.parse(changed.raw().bytes());
        assertThat(back).isEqualTo(changed);
        assertThat(back.config().cmd()).containsExactly("other");
        assertThat(back.config().entrypoint()).containsExactly("/bin/app");
        assertThat(back.diffIds()).hasSize(3).last().isEqualTo(layer);
        assertThat(back.history()).hasSize(4).last().extracting(History::createdBy).isEqualTo("RUN make");
        assertThat(back.unknown()).isEqualTo(c.unknown());
        assertThat(back.config().unknown()).isEqualTo(c.config().unknown());
        assertThat(back.config().unknown().get("Healthcheck").path("Interval").asLong()).isEqualTo(30000000000L);
        assertThat(back.history().get(0).unknown()).isEqualTo(c.history().get(0).unknown());
        assertThat(back.created()).isEqualTo("2024-05-01T00:00:00Z");
    }

    @Test
    void unknownHistoryFieldsSurvive() {
        String json = "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"history\":[{\"created_by\":\"x\",\"x-tool\":{\"k\":[1,2]}}]}";
        ImageConfig c = ImageConfig.parse(bytes(json)).withCreated("2024-01-01T00:00:00Z");
        ImageConfig back = ImageConfig.parse(c.raw().bytes());
        assertThat(back.history().get(0).unknown().get("x-tool").toString()).isEqualTo("{\"k\":[1,2]}");
    }

    @Test
    void createdConfigsReadBack() {
        ContainerConfig cc = ContainerConfig.EMPTY.withEnv(List.of("A=1")).withEntrypoint(List.of("/init"))
                .withLabels(Map.of("k", "v"));
        ImageConfig c = ImageConfig.create(Platform.parse("linux/arm/v7"), cc, List.of(Digest.sha256(new byte[0])),
                List.of(new History(null, "ADD rootfs", false)), "2024-01-01T00:00:00Z");
        ImageConfig back = ImageConfig.parse(c.raw().bytes());
        assertThat(back).isEqualTo(c);
        assertThat(back.platform().toString()).isEqualTo("linux/arm/v7");
        assertThat(back.config()).isEqualTo(cc);
        assertThat(c.descriptor(MediaTypes.OCI_CONFIG).size()).isEqualTo(c.raw().size());
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> ImageConfig.parse(bytes("{\"os\":\"linux\",\"architecture\":\"amd64\"}")))
                .hasMessageEndingWith(": rootfs: missing");
        assertThatThrownBy(() -> ImageConfig.parse(bytes("{\"architecture\":\"amd64\",\"rootfs\":{}}")))
                .hasMessageEndingWith(": os: missing");
        assertThatThrownBy(() -> ImageConfig.parse(bytes(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"tar\",\"diff_ids\":[]}}")))
                .hasMessageEndingWith(": rootfs.type: must be \"layers\", got \"tar\"");
        assertThatThrownBy(() -> ImageConfig.parse(bytes(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"x\"]}}")))
                .hasMessageContaining(": rootfs.diff_ids[0]: invalid digest \"x\"");
        assertThatThrownBy(() -> ImageConfig.parse(bytes(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Env\":\"A=1\"},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")))
                .hasMessageStartingWith("image config sha256:").hasMessageEndingWith(": config.Env: expected an array of strings");
    }
}

package dev.hull.image.oci;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

import static dev.hull.image.oci.Samples.H1;
import static dev.hull.image.oci.Samples.H2;
import static dev.hull.image.oci.Samples.H3;
import static dev.hull.image.oci.Samples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {

    @Test
    void readsAnOciManifest() {
        byte[] b = bytes(Samples.OCI_MANIFEST);
        ImageManifest m = (ImageManifest) Manifests.parse(b);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.config().digest().hex()).isEqualTo(H1);
        assertThat(m.config().size()).isEqualTo(1470);
        assertThat(m.layers()).extracting(Descriptor::mediaType)
                .containsExactly(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD);
        assertThat(m.layers().get(1).annotations()).containsEntry("org.opencontainers.image.title", "app");
        assertThat(m.annotations()).containsKey("org.opencontainers.image.created");
        assertThat(m.layersSize()).isEqualTo(2152262 + 93);
        assertThat(m.isContainerImage()).isTrue();
        assertThat(m.subject()).isNull();
    }

    @Test
    void digestIsOfTheBytesAsStored() {
        byte[] pretty = bytes(Samples.OCI_MANIFEST);
        ImageManifest m = (ImageManifest) Manifests.parse(pretty);
        assertThat(m.digest()).isEqualTo(Digest.sha256(pretty));
        assertThat(m.raw().bytes()).isEqualTo(pretty);
        assertThat(m.descriptor()).isEqualTo(new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(pretty),
                pretty.length));

        // the same value written differently is a different manifest
        byte[] compact = bytes(Samples.OCI_MANIFEST.replaceAll("\\s+", ""));
        ImageManifest c = (ImageManifest) Manifests.parse(compact);
        assertThat(c.config()).isEqualTo(m.config());
        assertThat(c.digest()).isNotEqualTo(m.digest());
        assertThat(c).isNotEqualTo(m);
    }

    @Test
    void readsADockerManifest() {
        ImageManifest m = (ImageManifest) Manifests.parse(bytes(Samples.DOCKER_MANIFEST),
                "application/vnd.docker.distribution.manifest.v2+json; charset=utf-8");
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        assertThat(m.layers()).singleElement().satisfies(l -> {
            assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
            assertThat(l.digest().hex()).isEqualTo(H2);
        });
    }

    @Test
    void readsAManifestListAndSelectsAPlatform() {
        ImageIndex i = (ImageIndex) Manifests.parse(bytes(Samples.MANIFEST_LIST));
        assertThat(i.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(i.platforms()).extracting(Platform::toString)
                .containsExactly("linux/amd64", "linux/arm/v7", "linux/arm64/v8");
        assertThat(i.select(PlatformMatcher.of(Platform.parse("linux/arm64"))).orElseThrow().digest().hex())
                .isEqualTo(H3);
        assertThat(i.select(PlatformMatcher.of(Platform.parse("linux/arm/v6")))).isEmpty();
    }

    @Test
    void readsAnOciIndexAndIgnoresAttestations() {
        ImageIndex i = (ImageIndex) Manifests.parse(bytes(Samples.OCI_INDEX));
        assertThat(i.manifests()).hasSize(3);
        assertThat(i.manifests().get(2).annotations()).containsEntry("vnd.docker.reference.type",
                "attestation-manifest");
        assertThat(i.select(PlatformMatcher.of(Platform.parse("linux/amd64"))).orElseThrow().digest().hex())
                .isEqualTo(H1);
    }

    @Test
    void tellsKindsApartWithoutMediaType() {
        String noType = Samples.OCI_MANIFEST.replace("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",",
                "");
        assertThat(Manifests.parse(bytes(noType))).isInstanceOf(ImageManifest.class)
                .extracting(Manifest::mediaType).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(Manifests.parse(bytes(noType), MediaTypes.DOCKER_MANIFEST).mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST);
        String index = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertThat(Manifests.parse(bytes(index))).isInstanceOf(ImageIndex.class);
    }

    @Test
    void refusesSchema1() {
        String signed = """
                {"schemaVersion":1,"name":"library/busybox","tag":"latest","architecture":"amd64",
                 "fsLayers":[{"blobSum":"sha256:%s"}],"history":[{"v1Compatibility":"{}"}],
                 "signatures":[{"header":{"alg":"ES256"},"signature":"x","protected":"y"}]}
                """.formatted(H1);
        assertThatThrownBy(() -> Manifests.parse(bytes(signed)))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("Docker image manifest v2 schema 1 (application/vnd.docker.distribution.manifest.v1+json) is not supported")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Manifests.parse(bytes(signed), MediaTypes.DOCKER_SCHEMA1_SIGNED))
                .hasMessageContaining("schema 1 (application/vnd.docker.distribution.manifest.v1+prettyjws)");
        String typed = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\"}";
        assertThatThrownBy(() -> Manifests.parse(bytes(typed))).hasMessageContaining("schema 1");
    }

    @Test
    void refusesUnknownMediaTypes() {
        String helm = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.cncf.helm.chart.v1+json\",\"config\":{}}";
        assertThatThrownBy(() -> Manifests.parse(bytes(helm)))
                .hasMessageStartingWith("manifest sha256:")
                .hasMessageContaining(": mediaType: unsupported media type application/vnd.cncf.helm.chart.v1+json");
        assertThatThrownBy(() -> Manifests.parse(bytes("{\"schemaVersion\":2}")))
                .hasMessageEndingWith("mediaType: missing, and the document is neither a manifest nor an index");
        assertThatThrownBy(() -> Manifests.parse(bytes("{\"schemaVersion\":3,\"manifests\":[]}")))
                .hasMessageEndingWith("schemaVersion: unsupported version 3 (hull reads version 2)");
    }

    @Test
    void refusesAMediaTypeOtherThanServed() {
        assertThatThrownBy(() -> Manifests.parse(bytes(Samples.DOCKER_MANIFEST), MediaTypes.OCI_INDEX))
                .hasMessageEndingWith("mediaType: is application/vnd.docker.distribution.manifest.v2+json but the"
                        + " content was served as application/vnd.oci.image.index.v1+json");
        // a registry answering with a generic type is not a contradiction
        assertThat(Manifests.parse(bytes(Samples.DOCKER_MANIFEST), "application/json"))
                .isInstanceOf(ImageManifest.class);
    }

    @Test
    void refusesAmbiguousDocuments() {
        String both = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + "{\"mediaType\":\"x\",\"digest\":\"sha256:" + H1 + "\",\"size\":1},\"layers\":[],\"manifests\":[]}";
        assertThatThrownBy(() -> Manifests.parse(bytes(both))).hasMessageEndingWith(
                "a application/vnd.oci.image.manifest.v1+json must not have a manifests field");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[],"
                + "\"layers\":[]}";
        assertThatThrownBy(() -> Manifests.parse(bytes(index))).hasMessageEndingWith("must not have config or layers fields");
    }

    @Test
    void namesTheBadField() {
        String badSize = Samples.DOCKER_MANIFEST.replace("\"size\":2215741", "\"size\":-5");
        assertThatThrownBy(() -> Manifests.parse(bytes(badSize)))
                .hasMessageEndingWith(": layers[0].size: expected a non-negative integer");
        String badDigest = Samples.DOCKER_MANIFEST.replace("sha256:" + H1, "sha256:nothex");
        assertThatThrownBy(() -> Manifests.parse(bytes(badDigest)))
                .hasMessageContaining(": config.digest: invalid digest \"sha256:nothex\"");
        String noConfig = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[]}";
        assertThatThrownBy(() -> Manifests.parse(bytes(noConfig))).hasMessageEndingWith(": config: missing");
        assertThatThrownBy(() -> Manifests.parse(bytes("{\"schemaVersion\":2,")))
                .hasMessageContaining(": invalid JSON at line 1");
        assertThatThrownBy(() -> Manifests.parse(bytes("[]"))).hasMessageEndingWith(": expected a JSON object");
        assertThatThrownBy(() -> Manifests.parse(new byte[0])).hasMessageEndingWith(": empty document");
    }

    @Test
    void refusesDuplicateKeys() {
        String dup = "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}";
        assertThatThrownBy(() -> Manifests.parse(bytes(dup))).hasMessageContaining("Duplicate field 'schemaVersion'");
    }

    @Test
    void enforcesTheSizeLimitWhileReading() {
        byte[] big = new byte[Manifests.MAX_SIZE + 1];
        int[] served = {0};
        InputStream counting = new ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                served[0] += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> Manifests.read(counting, null))
                .hasMessage("manifest too large: more than 4194304 bytes is the limit");
        assertThat(Manifests.readLimited(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
        assertThatThrownBy(() -> Manifests.parse(big)).hasMessageStartingWith("manifest too large");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        assertThatThrownBy(() -> Manifests.read(endless, null)).hasMessageStartingWith("manifest too large");
    }

    @Test
    void verifiesContentAgainstItsDescriptor() {
        byte[] b = bytes(Samples.DOCKER_MANIFEST);
        Descriptor ok = Descriptor.of(MediaTypes.DOCKER_MANIFEST, b);
        assertThat(Manifests.parseVerified(b, ok).digest()).isEqualTo(ok.digest());
        Descriptor wrong = new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.sha256(new byte[] {1}), b.length);
        assertThatThrownBy(() -> Manifests.parseVerified(b, wrong))
                .hasMessage("manifest " + wrong.digest() + ": content has digest " + ok.digest());
        Descriptor shorter = new Descriptor(MediaTypes.DOCKER_MANIFEST, ok.digest(), b.length - 1);
        assertThatThrownBy(() -> Manifests.parseVerified(b, shorter))
                .hasMessage("manifest " + ok.digest() + ": got " + b.length + " bytes, expected " + (b.length - 1));
        Descriptor sha512 = new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.of(DigestAlgorithm.SHA512, b), b.length);
        assertThat(Manifests.parseVerified(b, sha512)).isInstanceOf(ImageManifest.class);
    }

    @Test
    void createdManifestsReadBackEqual() {
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, Digest.parse("sha256:" + H1), 100);
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.parse("sha256:" + H2), 200);
        ImageManifest m = ImageManifest.create(MediaTypes.OCI_MANIFEST, config, java.util.List.of(layer),
                Map.of("a", "b"));
        ImageManifest back = (ImageManifest) Manifests.parse(m.raw().bytes(), MediaTypes.OCI_MANIFEST);
        assertThat(back).isEqualTo(m);
        assertThat(back.layers()).containsExactly(layer);
        assertThat(back.annotations()).containsEntry("a", "b");

        Descriptor entry = m.descriptor().withPlatform(Platform.parse("linux/arm/v7"));
        ImageIndex i = ImageIndex.create(MediaTypes.DOCKER_MANIFEST_LIST, java.util.List.of(entry), Map.of());
        ImageIndex ib = (ImageIndex) Manifests.parse(i.raw().bytes());
        assertThat(ib.manifests()).containsExactly(entry);
        assertThat(ib.digest()).isEqualTo(i.digest());

        assertThatThrownBy(() -> ImageManifest.create(MediaTypes.DOCKER_MANIFEST, config, java.util.List.of(),
                Map.of("a", "b"))).hasMessage("Docker schema 2 manifests cannot carry annotations");
        assertThatThrownBy(() -> ImageManifest.create(MediaTypes.OCI_INDEX, config, java.util.List.of(), Map.of()))
                .hasMessageStartingWith("not an image manifest media type");
    }
}

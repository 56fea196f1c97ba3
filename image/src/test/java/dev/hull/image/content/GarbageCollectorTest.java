package dev.hull.image.content;

import dev.hull.image.oci.Descriptor;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.ImageConfig;
import dev.hull.image.oci.ImageIndex;
import dev.hull.image.oci.ImageManifest;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.image.oci.MediaTypes;
import dev.hull.image.oci.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GarbageCollectorTest {

    @TempDir
    Path root;

    /** Stores a one-layer image for a platform; returns its manifest. */
    static ImageManifest image(ContentStore store, String platform, String layerText) {
        byte[] layer = layerText.getBytes(StandardCharsets.UTF_8);
        store.write(layer);
        ImageConfig config = ImageConfig.create(Platform.parse(platform), ContainerConfig.EMPTY,
                List.of(Digest.sha256(layer)), List.of(), null);
        store.write(config.raw().bytes());
        ImageManifest m = ImageManifest.create(MediaTypes.OCI_MANIFEST, config.descriptor(MediaTypes.OCI_CONFIG),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER, layer)), Map.of());
        store.write(m.raw().bytes());
        return m;
    }

    @Test
    void keepsWhatIsReachableAndRemovesTheRest() throws Exception {
        FileContentStore store = new FileContentStore(root);
        ImageManifest amd = image(store, "linux/amd64", "amd64 layer");
        ImageManifest arm = image(store, "linux/arm64", "arm64 layer");
        // an index entry whose manifest was never pulled (another platform)
        Descriptor absent = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {42}), 10)
                .withPlatform(Platform.parse("linux/s390x"));
        ImageIndex index = ImageIndex.create(MediaTypes.OCI_INDEX, List.of(
                amd.descriptor().withPlatform(Platform.parse("linux/amd64")), absent), Map.of());
        store.write(index.raw().bytes());
        // a second image, reachable as a root of its own
        ImageManifest referrerTarget = image(store, "linux/amd64", "standalone layer");
        BlobInfo loose = store.write("nobody points here".getBytes(StandardCharsets.UTF_8));
        BlobInfo plainRoot = store.write("a root that is not a manifest".getBytes(StandardCharsets.UTF_8));
        Path stale = Files.createFile(root.resolve("ingest/sha256-" + "0".repeat(64) + ".123.tmp"));

        GcResult r = store.gc(Set.of(index.digest(), referrerTarget.digest(), plainRoot.digest()));

        List<Digest> left = store.list();
        assertThat(left).contains(index.digest(), amd.digest(), amd.config().digest(),
                amd.layers().get(0).digest(), referrerTarget.digest(), referrerTarget.layers().get(0).digest(),
                plainRoot.digest());
        assertThat(left).doesNotContain(arm.digest(), arm.config().digest(), arm.layers().get(0).digest(),
                loose.digest());
        assertThat(r.removed()).containsExactlyInAnyOrder(arm.digest(), arm.config().digest(),
                arm.layers().get(0).digest(), loose.digest());
        long freed = arm.raw().size() + arm.config().size() + arm.layers().get(0).size() + loose.size();
        assertThat(r.bytesFreed()).isEqualTo(freed);
        assertThat(r.tempFilesRemoved()).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(root.resolve("ingest/gc.lock")).exists();
    }

    @Test
    void followsSubjects() {
        FileContentStore store = new FileContentStore(root);
        ImageManifest target = image(store, "linux/amd64", "signed image");
        byte[] sig = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":"
                + "\"application/vnd.example.sig\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY
                + "\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
                + "\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"digest\":\"" + target.digest() + "\",\"size\":" + target.raw().size() + "}}")
                .getBytes(StandardCharsets.UTF_8);
        BlobInfo s = store.write(sig);
        store.write("{}".getBytes(StandardCharsets.UTF_8));
        store.gc(Set.of(s.digest()));
        assertThat(store.list()).contains(target.digest(), target.config().digest(), target.layers().get(0).digest(),
                Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
    }

    @Test
    void noRootsEmptiesTheStore() {
        FileContentStore store = new FileContentStore(root);
        image(store, "linux/amd64", "x");
        assertThat(store.gc(Set.of()).removed()).hasSize(3);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anUnreadableReachableManifestStopsEverything() {
        FileContentStore store = new FileContentStore(root);
        BlobInfo junk = store.write("not json".getBytes(StandardCharsets.UTF_8));
        BlobInfo loose = store.write("loose".getBytes(StandardCharsets.UTF_8));
        ImageIndex index = ImageIndex.create(MediaTypes.OCI_INDEX,
                List.of(new Descriptor(MediaTypes.OCI_MANIFEST, junk.digest(), junk.size())), Map.of());
        store.write(index.raw().bytes());
        assertThatThrownBy(() -> store.gc(Set.of(index.digest())))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("garbage collection stopped, nothing was deleted: manifest " + junk.digest());
        assertThat(store.list()).contains(loose.digest(), junk.digest(), index.digest());
    }

    @Test
    void waitsForLeasesAndIngestsOfOtherProcesses() throws Exception {
        FileContentStore store = new FileContentStore(root);
        BlobInfo loose = store.write("loose".getBytes(StandardCharsets.UTF_8));
        try (ChildProcess child = ChildProcess.start("lease", root.toString())) {
            assertThat(child.readLine()).isEqualTo("LEASED");
            assertThatThrownBy(() -> new GarbageCollector(store, store.layout()).collect(Set.of(),
                    Duration.ofMillis(300)))
                    .hasMessageEndingWith("is busy (a pull, push or lease is active); garbage collection did not run,"
                            + " try again later");
            assertThat(store.exists(loose.digest())).isTrue();
            child.proceed();
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
        }
        assertThat(store.gc(Set.of()).removed()).containsExactly(loose.digest());
    }

    @Test
    void anOpenIngestKeepsGarbageCollectionOut() {
        FileContentStore store = new FileContentStore(root);
        byte[] b = "in flight".getBytes(StandardCharsets.UTF_8);
        try (Ingest w = store.ingest(Digest.sha256(b), b.length)) {
            w.write(b);
            assertThatThrownBy(() -> new GarbageCollector(store, store.layout()).collect(Set.of(),
                    Duration.ofMillis(100))).hasMessageContaining("is busy");
            w.commit();
        }
        try (Lease l = store.lease()) {
            assertThatThrownBy(() -> new GarbageCollector(store, store.layout()).collect(Set.of(),
                    Duration.ofMillis(100))).hasMessageContaining("is busy");
        }
        assertThat(store.gc(Set.of()).removed()).containsExactly(Digest.sha256(b));
    }
}

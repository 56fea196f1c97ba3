package dev.hull.image.layer;

import dev.hull.image.oci.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerStoreTest {
    @TempDir
    Path root;

    private final byte[] base = Tars.gzip(new Tars().dir("etc", 0755).file("etc/os", "base\n").tar());
    private final byte[] top = Tars.gzip(new Tars().file("app", "app\n").tar());
    private final Digest baseDiff = diffId(base);
    private final Digest topDiff = diffId(top);

    private static Digest diffId(byte[] gz) {
        try {
            return Digest.sha256(Compression.open(new ByteArrayInputStream(gz)).stream().readAllBytes());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unpacksUnderChainIdWithMetadata() throws Exception {
        LayerStore store = new LayerStore(root);
        Layer l0 = store.unpack(null, baseDiff, Digest.sha256(base), () -> new ByteArrayInputStream(base));
        Layer l1 = store.unpack(l0.chainId(), topDiff, null, () -> new ByteArrayInputStream(top));

        assertThat(l0.chainId()).isEqualTo(baseDiff);
        assertThat(l1.chainId()).isEqualTo(ChainIds.next(baseDiff, topDiff));
        assertThat(l1.diff()).isEqualTo(root.resolve("layers/sha256/" + l1.chainId().hex() + "/diff"));
        assertThat(Files.readString(l1.diff().resolve("app"))).isEqualTo("app\n");
        assertThat(Files.readString(root.resolve("layers/sha256/" + l1.chainId().hex() + "/layer.json")))
                .contains(topDiff.toString(), Digest.sha256(top).toString(), "\"blobSize\" : " + top.length);
        assertThat(store.get(l1.chainId())).contains(l1);
        assertThat(store.list()).containsExactlyInAnyOrder(l0.chainId(), l1.chainId());
    }

    @Test
    void lowerDirsAreTopmostFirst() throws Exception {
        LayerStore store = new LayerStore(root);
        Layer l0 = store.unpack(null, baseDiff, null, () -> new ByteArrayInputStream(base));
        Layer l1 = store.unpack(l0.chainId(), topDiff, null, () -> new ByteArrayInputStream(top));
        assertThat(store.lowerDirs(List.of(baseDiff, topDiff))).containsExactly(l1.diff(), l0.diff());
        assertThat(store.lowerDirOption(List.of(baseDiff, topDiff))).isEqualTo(l1.diff() + ":" + l0.diff());
        assertThatThrownBy(() -> store.lowerDirs(List.of(topDiff))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPresentLayerIsNotOpenedAgain() throws Exception {
        LayerStore store = new LayerStore(root);
        store.unpack(null, baseDiff, null, () -> new ByteArrayInputStream(base));
        Layer again = store.unpack(null, baseDiff, null, () -> {
            throw new AssertionError("blob opened for a layer that is present");
        });
        assertThat(Files.readString(again.diff().resolve("etc/os"))).isEqualTo("base\n");
    }

    @Test
    void concurrentUnpacksOfOneLayerUnpackItOnce() throws Exception {
        LayerStore store = new LayerStore(root);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Layer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.unpack(null, baseDiff, null, () -> {
                        opened.incrementAndGet();
                        return new ByteArrayInputStream(base);
                    });
                }));
            }
            start.countDown();
            for (Future<Layer> f : results) {
                assertThat(f.get().chainId()).isEqualTo(baseDiff);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened).hasValue(1);
    }

    @Test
    void wrongDiffIdLeavesNothing() throws Exception {
        LayerStore store = new LayerStore(root);
        assertThatThrownBy(() -> store.unpack(null, topDiff, null, () -> new ByteArrayInputStream(base)))
                .isInstanceOf(LayerUnpackException.class)
                .hasMessageContaining("has diff ID " + baseDiff).hasMessageContaining("expects " + topDiff);
        assertThat(store.list()).isEmpty();
        assertThat(root.resolve("layers/sha256/" + topDiff.hex())).doesNotExist();
    }

    @Test
    void wrongBlobDigestLeavesNothing() throws Exception {
        LayerStore store = new LayerStore(root);
        assertThatThrownBy(() -> store.unpack(null, baseDiff, Digest.sha256(top), () -> new ByteArrayInputStream(base)))
                .isInstanceOf(LayerUnpackException.class).hasMessageContaining("manifest expects");
        assertThat(root.resolve("layers/sha256/" + baseDiff.hex())).doesNotExist();
    }

    @Test
    void leftoverWithoutMetadataIsRedone() throws Exception {
        Path stale = Files.createDirectories(root.resolve("layers/sha256/" + baseDiff.hex() + "/diff/junk"));
        LayerStore store = new LayerStore(root);
        assertThat(store.get(baseDiff)).isEmpty();
        Layer l = store.unpack(null, baseDiff, null, () -> new ByteArrayInputStream(base));
        assertThat(stale).doesNotExist();
        assertThat(l.diff().resolve("etc/os")).exists();
    }

    @Test
    void removesOnlyUnreferencedLayers() throws Exception {
        LayerStore store = new LayerStore(root);
        Layer l0 = store.unpack(null, baseDiff, null, () -> new ByteArrayInputStream(base));
        Layer l1 = store.unpack(l0.chainId(), topDiff, null, () -> new ByteArrayInputStream(top));
        Layer lone = store.unpack(null, topDiff, null, () -> new ByteArrayInputStream(top));

        Set<Digest> keep = LayerStore.referencedBy(List.of(List.of(baseDiff, topDiff)));
        assertThat(store.removeUnreferenced(keep)).containsExactly(lone.chainId());
        assertThat(store.list()).containsExactlyInAnyOrder(l0.chainId(), l1.chainId());
        assertThat(lone.diff()).doesNotExist();

        assertThat(store.removeUnreferenced(Set.of())).containsExactlyInAnyOrder(l0.chainId(), l1.chainId());
        assertThat(store.list()).isEmpty();
    }
}

package dev.hull.image.content;

import dev.hull.image.oci.Digest;
import dev.hull.image.oci.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileContentStoreTest {

    /** Own threads: the common pool has a single thread on a 2-core machine, which would serialise the tests. */
    static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    static <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, POOL);
    }

    @TempDir
    Path root;

    static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void storesUnderTheDigestAndReadsBack() throws IOException {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(300_000, 1);
        Digest d = Digest.sha256(b);
        BlobInfo info = store.write(d, b.length, new ByteArrayInputStream(b));
        assertThat(info).isEqualTo(new BlobInfo(d, b.length));
        Path file = root.resolve("blobs/sha256/" + d.hex());
        assertThat(file).isRegularFile();
        assertThat(store.blobPath(d)).isEqualTo(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
        assertThat(store.exists(d)).isTrue();
        assertThat(store.size(d)).isEqualTo(b.length);
        try (InputStream in = store.open(d)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        assertThat(store.list()).containsExactly(d);
        assertThat(ingestLeftovers()).isEmpty();
    }

    @Test
    void sha512Blobs() {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(1000, 2);
        Digest d = Digest.of(DigestAlgorithm.SHA512, b);
        store.write(d, -1, new ByteArrayInputStream(b));
        assertThat(root.resolve("blobs/sha512/" + d.hex())).isRegularFile();
        assertThat(store.read(d, 1000)).isEqualTo(b);
    }

    @Test
    void corruptDataIsRejectedAndNothingStays() throws IOException {
        FileContentStore store = new FileContentStore(root);
        byte[] good = data(5000, 3);
        byte[] bad = good.clone();
        bad[4000] ^= 1;
        Digest d = Digest.sha256(good);
        assertThatThrownBy(() -> store.write(d, good.length, new ByteArrayInputStream(bad)))
                .isInstanceOf(BlobMismatchException.class)
                .hasMessage("blob " + d + ": content has digest " + Digest.sha256(bad) + ", expected " + d
                        + "; nothing was stored");
        assertThat(store.exists(d)).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(ingestLeftovers()).isEmpty();
        // a later correct write succeeds
        store.write(d, good.length, new ByteArrayInputStream(good));
        assertThat(store.exists(d)).isTrue();
    }

    @Test
    void truncatedStreamIsRejected() throws IOException {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(10_000, 4);
        Digest d = Digest.sha256(b);
        InputStream cut = new ByteArrayInputStream(b, 0, 6000);
        assertThatThrownBy(() -> store.write(d, b.length, cut))
                .isInstanceOf(BlobMismatchException.class)
                .hasMessage("blob " + d + ": got 6000 bytes, expected 10000; nothing was stored");
        // size unknown: the digest catches it
        assertThatThrownBy(() -> store.write(d, -1, new ByteArrayInputStream(b, 0, 6000)))
                .hasMessageContaining(": content has digest ");
        assertThat(store.exists(d)).isFalse();
        assertThat(ingestLeftovers()).isEmpty();
    }

    @Test
    void moreThanTheExpectedSizeStopsAtOnce() {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(100, 5);
        Digest d = Digest.sha256(b);
        try (Ingest w = store.ingest(d, 50)) {
            assertThatThrownBy(() -> w.write(b)).isInstanceOf(BlobMismatchException.class)
                    .hasMessage("blob " + d + ": more data than the expected 50 bytes; nothing was stored");
            assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.exists(d)).isFalse();
    }

    @Test
    void closingWithoutCommitDiscards() throws IOException {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(100, 6);
        Digest d = Digest.sha256(b);
        try (Ingest w = store.ingest(d, b.length)) {
            w.asOutputStream().write(b, 0, 60);
            assertThat(w.written()).isEqualTo(60);
            assertThat(ingestLeftovers()).anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
        assertThat(store.exists(d)).isFalse();
        assertThat(ingestLeftovers()).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void presentBlobsAreNotWrittenAgain() {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(100, 7);
        BlobInfo first = store.write(b);
        try (Ingest w = store.ingest(first.digest(), b.length)) {
            assertThat(w.alreadyPresent()).isTrue();
            assertThatThrownBy(() -> w.write(b)).hasMessageEndingWith("already stored; check alreadyPresent() first");
            assertThat(w.commit()).isEqualTo(first);
        }
    }

    @Test
    void missingBlobs() {
        FileContentStore store = new FileContentStore(root);
        Digest d = Digest.sha256(new byte[] {1});
        assertThat(store.info(d)).isEmpty();
        assertThatThrownBy(() -> store.open(d)).isInstanceOf(BlobNotFoundException.class)
                .hasMessage("blob " + d + " not found in the content store");
        assertThatThrownBy(() -> store.size(d)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.delete(d)).isFalse();
    }

    @Test
    void readRefusesBlobsOverTheLimit() {
        FileContentStore store = new FileContentStore(root);
        BlobInfo i = store.write(data(100, 8));
        assertThatThrownBy(() -> store.read(i.digest(), 99))
                .hasMessage("blob " + i.digest() + " is 100 bytes, more than the 99 allowed here");
        assertThat(store.read(i.digest(), 100)).hasSize(100);
    }

    @Test
    void deleteRemoves() {
        FileContentStore store = new FileContentStore(root);
        BlobInfo i = store.write(data(10, 9));
        assertThat(store.delete(i.digest())).isTrue();
        assertThat(store.exists(i.digest())).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void concurrentThreadsWritingOneBlobAllSucceedWithOneFile() throws Exception {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(2_000_000, 10);
        Digest d = Digest.sha256(b);
        int n = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            writers.add(async(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                try (Ingest w = store.ingest(d, b.length)) {
                    boolean present = w.alreadyPresent();
                    if (!present) {
                        // slow enough that the other writers arrive while this one works
                        for (int off = 0; off < b.length; off += 100_000) {
                            w.write(b, off, Math.min(100_000, b.length - off));
                            Thread.sleep(5);
                        }
                    }
                    assertThat(w.commit().size()).isEqualTo(b.length);
                    return present;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        List<Boolean> present = new ArrayList<>();
        for (CompletableFuture<Boolean> f : writers) {
            present.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(present).containsOnlyOnce(false);
        assertThat(store.list()).containsExactly(d);
        assertThat(store.read(d, b.length)).isEqualTo(b);
        assertThat(ingestLeftovers()).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aSecondProcessWritingTheSameBlobWaitsAndFindsItPresent() throws Exception {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(500_000, 11);
        Digest d = Digest.sha256(b);
        Path dataFile = Files.write(root.resolve("data.bin"), b);
        try (ChildProcess child = ChildProcess.start("ingest", root.toString(), d.toString(), dataFile.toString())) {
            assertThat(child.readLine()).isEqualTo("OPEN false");
            // the child holds the digest's lock: this JVM's writer must wait
            CompletableFuture<Boolean> mine = async(() -> {
                try (Ingest w = store.ingest(d, b.length)) {
                    if (!w.alreadyPresent()) {
                        w.write(b);
                    }
                    w.commit();
                    return w.alreadyPresent();
                }
            });
            Thread.sleep(300);
            assertThat(mine).isNotDone();
            child.proceed();
            assertThat(child.readLine()).isEqualTo("DONE");
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(mine.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.list()).containsExactly(d);
        assertThat(store.read(d, b.length)).isEqualTo(b);
    }

    @Test
    void aProcessArrivingSecondFindsTheBlobPresent() throws Exception {
        FileContentStore store = new FileContentStore(root);
        byte[] b = data(1000, 12);
        Digest d = Digest.sha256(b);
        Path dataFile = Files.write(root.resolve("data.bin"), b);
        try (Ingest w = store.ingest(d, b.length);
             ChildProcess child = ChildProcess.start("ingest", root.toString(), d.toString(), dataFile.toString())) {
            w.write(b);
            Thread.sleep(300);
            w.commit();
            w.close();
            assertThat(child.readLine()).isEqualTo("OPEN true");
            child.proceed();
            assertThat(child.readLine()).isEqualTo("DONE");
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
        }
        assertThat(store.list()).containsExactly(d);
    }

    private List<Path> ingestLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("ingest"))) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}

package dev.hull.image.store;

import dev.hull.image.oci.Descriptor;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.MediaTypes;
import dev.hull.image.ref.InvalidReferenceException;
import dev.hull.image.ref.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageStoreTest {

    @TempDir
    Path root;

    static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

    static Descriptor manifest(int n) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {(byte) n}), 500 + n);
    }

    static Digest config(String hexStart) {
        return Digest.parse("sha256:" + hexStart + "0".repeat(64 - hexStart.length()));
    }

    static Reference ref(String s) {
        return Reference.parse(s);
    }

    ImageStore store() {
        return new ImageStore(root, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void putRecordsNamesAndResolvesThemInEveryForm() {
        ImageStore s = store();
        Descriptor m = manifest(1);
        ImageRecord r = s.put(m, config("abc1"), List.of(ref("busybox"), ref("busybox@" + m.digest())));
        assertThat(r.target()).isEqualTo(m.digest());
        assertThat(r.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(r.size()).isEqualTo(501);
        assertThat(r.created()).isEqualTo(T0);
        assertThat(r.names()).extracting(Reference::toString).containsExactly(
                "docker.io/library/busybox:latest", "docker.io/library/busybox@" + m.digest());
        assertThat(r.tags()).hasSize(1);
        assertThat(r.repoDigests()).hasSize(1);
        assertThat(r.shortId()).isEqualTo("abc100000000");

        for (String q : List.of("busybox", "busybox:latest", "library/busybox", "docker.io/library/busybox:latest",
                "busybox@" + m.digest(), "busybox:whatever@" + m.digest(), config("abc1").toString(),
                config("abc1").hex(), m.digest().toString(), "abc1", "sha256:abc10", "ab")) {
            assertThat(s.resolve(q).target()).as(q).isEqualTo(m.digest());
        }
        assertThat(s.list()).containsExactly(r);
        assertThat(s.get(m.digest())).contains(r);
        assertThat(s.roots()).containsExactly(m.digest());
    }

    @Test
    void notFoundUsesDockersWording() {
        ImageStore s = store();
        s.put(manifest(1), config("abc1"), List.of(ref("busybox:1")));
        assertThatThrownBy(() -> s.resolve("busybox")).isInstanceOf(ImageNotFoundException.class)
                .hasMessage("No such image: busybox:latest");
        assertThatThrownBy(() -> s.resolve("localhost:5000/x:2")).hasMessage("No such image: localhost:5000/x:2");
        assertThatThrownBy(() -> s.resolve("sha256:" + "f".repeat(64)))
                .hasMessage("No such image: sha256:" + "f".repeat(64));
        assertThatThrownBy(() -> s.resolve("ffff")).hasMessage("No such image: ffff:latest");
        assertThatThrownBy(() -> s.resolve("Bad_Name")).isInstanceOf(InvalidReferenceException.class);
        assertThat(s.find("busybox")).isEmpty();
        assertThat(s.find("busybox:1")).isPresent();
    }

    @Test
    void aNameWinsOverAnIdPrefix() {
        ImageStore s = store();
        Descriptor a = manifest(1);
        Descriptor b = manifest(2);
        s.put(a, config("beef"), List.of(ref("x")));
        s.put(b, config("0000"), List.of(ref("beef")));
        assertThat(s.resolve("beef").target()).isEqualTo(b.digest());
        assertThat(s.resolve("bee").target()).isEqualTo(a.digest());
    }

    @Test
    void ambiguousPrefixesAreRefused() {
        ImageStore s = store();
        s.put(manifest(1), config("abc1"), List.of(ref("a")));
        s.put(manifest(2), config("abc2"), List.of(ref("b")));
        assertThatThrownBy(() -> s.resolve("abc")).isInstanceOf(ImageStoreException.class)
                .hasMessage("multiple IDs found with provided prefix: abc");
        assertThat(s.resolve("abc2").target()).isEqualTo(manifest(2).digest());
    }

    @Test
    void oneIdBehindTwoTargetsResolvesToTheNewest() {
        Clock[] clock = {Clock.fixed(T0, ZoneOffset.UTC)};
        ImageStore s1 = new ImageStore(root, clock[0]);
        s1.put(manifest(1), config("abc1"), List.of(ref("a")));
        ImageStore s2 = new ImageStore(root, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        s2.put(manifest(2), config("abc1"), List.of(ref("b")));
        assertThat(s2.resolve("abc1").target()).isEqualTo(manifest(2).digest());
        assertThat(s2.resolve(config("abc1").toString()).target()).isEqualTo(manifest(2).digest());
    }

    @Test
    void tagMovesNamesBetweenImages() {
        ImageStore s = store();
        Descriptor a = manifest(1);
        Descriptor b = manifest(2);
        s.put(a, config("aa"), List.of(ref("app:1")));
        s.put(b, config("bb"), List.of(ref("app:2")));
        ImageRecord tagged = s.tag("app:2", ref("localhost:5000/app"));
        assertThat(tagged.target()).isEqualTo(b.digest());
        assertThat(s.resolve("localhost:5000/app:latest").target()).isEqualTo(b.digest());

        s.tag("app:1", ref("localhost:5000/app"));
        assertThat(s.resolve("localhost:5000/app").target()).isEqualTo(a.digest());
        assertThat(s.get(b.digest()).orElseThrow().names()).extracting(Reference::familiar).containsExactly("app:2");

        assertThatThrownBy(() -> s.tag("nope", ref("x"))).hasMessage("No such image: nope:latest");
        assertThatThrownBy(() -> s.tag("app:1", ref("x@" + a.digest())))
                .hasMessageStartingWith("refusing to create a tag with a digest reference");
    }

    @Test
    void puttingANameAgainMovesItToTheNewImage() {
        ImageStore s = store();
        s.put(manifest(1), config("aa"), List.of(ref("busybox")));
        s.put(manifest(2), config("bb"), List.of(ref("busybox")));
        assertThat(s.resolve("busybox").target()).isEqualTo(manifest(2).digest());
        ImageRecord old = s.get(manifest(1).digest()).orElseThrow();
        assertThat(old.dangling()).isTrue();
        // storing a target again merges names and keeps the first time
        ImageStore later = new ImageStore(root, Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
        ImageRecord merged = later.put(manifest(2), config("bb"), List.of(ref("other")));
        assertThat(merged.created()).isEqualTo(T0);
        assertThat(merged.tags()).extracting(Reference::familiar).containsExactly("busybox:latest", "other:latest");
    }

    @Test
    void digestNamesMustMatchTheTarget() {
        ImageStore s = store();
        assertThatThrownBy(() -> s.put(manifest(1), config("aa"), List.of(ref("x@" + manifest(2).digest()))))
                .hasMessage("name x@" + manifest(2).digest() + " does not match the image's digest "
                        + manifest(1).digest());
        ImageRecord r = s.put(manifest(1), config("aa"), List.of(ref("x:1@" + manifest(1).digest())));
        assertThat(r.names()).extracting(Reference::familiar)
                .containsExactly("x@" + manifest(1).digest(), "x:1");
    }

    @Test
    void untagLeavesTheImageAndRemoveDeletesIt() {
        ImageStore s = store();
        Descriptor m = manifest(1);
        s.put(m, config("aa"), List.of(ref("a"), ref("b:2"), ref("a@" + m.digest())));
        ImageRecord after = s.untag(ref("a"));
        assertThat(after.names()).extracting(Reference::familiar)
                .containsExactly("b:2", "a@" + m.digest());
        after = s.untag(ref("a@" + m.digest()));
        assertThat(after.names()).extracting(Reference::familiar).containsExactly("b:2");
        after = s.untag(ref("b:2"));
        assertThat(after.dangling()).isTrue();
        assertThat(s.resolve("aa").target()).isEqualTo(m.digest());
        assertThatThrownBy(() -> s.untag(ref("b:2"))).hasMessage("No such image: b:2");

        ImageRecord removed = s.remove("aa");
        assertThat(removed.target()).isEqualTo(m.digest());
        assertThat(s.list()).isEmpty();
        assertThatThrownBy(() -> s.remove("aa")).isInstanceOf(ImageNotFoundException.class);
    }

    @Test
    void survivesReopeningAndRefusesADamagedFile() throws Exception {
        Descriptor m = manifest(1);
        store().put(m, config("aa"), List.of(ref("localhost:5000/x:1")));
        ImageStore again = new ImageStore(root);
        assertThat(again.resolve("localhost:5000/x:1").created()).isEqualTo(T0);
        assertThat(Files.readString(root.resolve("images.json"))).contains("\"version\" : 1")
                .contains("localhost:5000/x:1");

        Files.writeString(root.resolve("images.json"), "{\"version\":1,\"images\":[{\"target\":{}}]}");
        assertThatThrownBy(again::list).isInstanceOf(ImageStoreException.class)
                .hasMessageStartingWith(root.resolve("images.json") + " is damaged: ");
        Files.writeString(root.resolve("images.json"), "{\"version\":7,\"images\":[]}");
        assertThatThrownBy(again::list).hasMessageEndingWith("images.json: unsupported version 7 (this hull reads 1)");
    }

    @Test
    void concurrentTaggingLosesNothing() throws Exception {
        ImageStore s = store();
        Descriptor m = manifest(1);
        s.put(m, config("aa"), List.of(ref("base")));
        int perWriter = 15;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TagChild.class.getName(), root.toString(),
                m.digest().toString(), "proc:", String.valueOf(perWriter))
                .redirectErrorStream(true).start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String prefix = "thread" + t + ":";
            Thread th = new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    s.tag(m.digest().toString(), ref(prefix + i));
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes())).isZero();
        assertThat(s.resolve("base").names()).hasSize(1 + 3 * perWriter);
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("images.json", "images.lock");
    }
}

package dev.hull.image.layer;

import dev.hull.sys.Libc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile layers. Each one must be refused with an error naming the entry, write nothing
 * outside the target (a canary directory beside it stays empty, /etc/passwd unchanged) and
 * leave no target or temporary directory behind.
 */
class MaliciousLayerIT {
    @TempDir
    Path tmp;
    private Path parent;
    private Path target;
    private Path outside;
    private byte[] passwd;

    @BeforeAll
    static void root() {
        assumeTrue(Libc.geteuid() == 0, "needs root");
    }

    @BeforeEach
    void setUp() throws Exception {
        parent = Files.createDirectory(tmp.resolve("layers"));
        target = parent.resolve("diff");
        outside = Files.createDirectory(tmp.resolve("outside"));
        passwd = Files.readAllBytes(Path.of("/etc/passwd"));
    }

    @AfterEach
    void nothingEscaped() throws Exception {
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).as("files written outside the layer").isEmpty();
        }
        assertThat(Files.readAllBytes(Path.of("/etc/passwd"))).isEqualTo(passwd);
        assertThat(Path.of("/tmp/hull-evil")).doesNotExist();
    }

    private void assertRefused(Tars layer, String entry, String reason) {
        assertThatThrownBy(() -> new LayerUnpacker().unpack(new ByteArrayInputStream(Tars.gzip(layer.tar())), target))
                .isInstanceOf(LayerUnpackException.class)
                .hasMessageStartingWith("layer entry \"" + entry + "\": ")
                .hasMessageContaining(reason);
        assertNoPartialLayer();
    }

    private void assertNoPartialLayer() {
        try (Stream<Path> s = Files.list(parent)) {
            assertThat(s).as("target or temporary directory left behind").isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dotDotTraversal() {
        assertRefused(new Tars().file("ok", "fine").file("../outside/evil", "x"),
                "../outside/evil", "\"..\" is not allowed");
    }

    @Test
    void absolutePathStaysInsideTheRoot() throws Exception {
        // Not refused: an absolute name means the same path inside the layer.
        new LayerUnpacker().unpack(new ByteArrayInputStream(new Tars().file(outside + "/evil", "x").tar()), target);
        assertThat(target.resolve(outside.toString().substring(1)).resolve("evil")).hasContent("x");
        Files.writeString(tmp.resolve("check"), "");
    }

    @Test
    void absolutePathWithDotDotIsRefused() {
        // commons-compress already drops the leading "/" from entry names
        assertRefused(new Tars().file("/../../etc/passwd", "root::0:0::/:/bin/sh\n"),
                "../../etc/passwd", "\"..\" is not allowed");
    }

    @Test
    void symlinkThenWriteThroughIt() {
        assertRefused(new Tars().symlink("a", outside.toString()).file("a/evil", "x"),
                "a/evil", "\"a\" is a symbolic link or not a directory");
    }

    @Test
    void symlinkThenWriteThroughItToTmp() {
        assertRefused(new Tars().symlink("a", "/tmp").file("a/hull-evil", "x"),
                "a/hull-evil", "symbolic link");
    }

    @Test
    void symlinkChainToAParent() {
        assertRefused(new Tars().dir("d", 0755).symlink("d/up", "..").symlink("d/up2", "up/..")
                        .symlink("chain", "d/up2/../../outside").file("chain/evil", "x"),
                "chain/evil", "symbolic link");
    }

    @Test
    void symlinkInTheMiddleOfAPath() {
        assertRefused(new Tars().dir("d", 0755).symlink("d/l", "../../outside").file("d/l/x/evil", "x"),
                "d/l/x/evil", "\"d/l\" is a symbolic link");
    }

    @Test
    void hardLinkToEtcPasswd() {
        assertRefused(new Tars().hardlink("passwd", "/etc/passwd"),
                "passwd", "hard link target \"/etc/passwd\" is not in the layer");
    }

    @Test
    void hardLinkWithDotDotTarget() {
        assertRefused(new Tars().hardlink("passwd", "../../../../etc/passwd"),
                "passwd", "leaves the layer");
    }

    @Test
    void hardLinkThroughASymlink() {
        assertRefused(new Tars().symlink("etc", "/etc").hardlink("passwd", "etc/passwd"),
                "passwd", "\"etc\" is a symbolic link");
    }

    @Test
    void replacingASymlinkNeverWritesThroughIt() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "original");
        new LayerUnpacker().unpack(new ByteArrayInputStream(
                new Tars().symlink("f", victim.toString()).file("f", "overwritten?").tar()), target);
        assertThat(victim).hasContent("original");
        assertThat(Files.isSymbolicLink(target.resolve("f"))).isFalse();
        assertThat(target.resolve("f")).hasContent("overwritten?");
    }

    @Test
    void whiteoutThroughASymlink() {
        assertRefused(new Tars().symlink("l", outside.toString()).file("l/.wh.x", ""),
                "l/.wh.x", "symbolic link");
    }

    @Test
    void tenGigabyteFileOfZerosStaysSparse() throws Exception {
        long tenGb = 10L << 30;
        new LayerUnpacker().unpack(new ZeroFileTar("huge", tenGb), target);
        Path huge = target.resolve("huge");
        assertThat(Files.size(huge)).isEqualTo(tenGb);
        assertThat(kibOnDisk(huge)).as("KiB on disk").isLessThan(1024);
    }

    @Test
    void tenGigabyteFileOverTheLimitIsRefusedBeforeWriting() {
        long tenGb = 10L << 30;
        assertThatThrownBy(() -> new LayerUnpacker(1L << 30).unpack(new ZeroFileTar("huge", tenGb), target))
                .isInstanceOf(LayerUnpackException.class)
                .hasMessage("layer entry \"huge\": file of " + tenGb
                        + " bytes takes the layer over its limit of 1073741824 unpacked bytes");
        assertNoPartialLayer();
    }

    @Test
    void sparseTarEntryStaysSparse() throws Exception {
        long oneGb = 1L << 30;
        new LayerUnpacker().unpack(new ByteArrayInputStream(Tars.gzip(
                new Tars().sparse("holey", oneGb, oneGb - 4, "tail".getBytes()).tar())), target);
        assertThat(Files.size(target.resolve("holey"))).isEqualTo(oneGb);
        assertThat(kibOnDisk(target.resolve("holey"))).isLessThan(1024);
    }

    private static long kibOnDisk(Path file) throws Exception {
        Process du = new ProcessBuilder("du", "-k", "--", file.toString()).start();
        long kib = Long.parseLong(new String(du.getInputStream().readAllBytes()).split("\\s+")[0]);
        assertThat(du.waitFor()).isZero();
        return kib;
    }
}

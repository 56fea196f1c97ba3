package dev.hull.image.layer;

import dev.hull.sys.FileNodes;
import dev.hull.sys.FileStat;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.Xattr;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Unpacks as root and checks every kind of entry and attribute on the real file system. */
class LayerUnpackIT {
    /** security.capability v2 for cap_net_bind_service (bit 10) permitted+effective. */
    static final byte[] CAP = {0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static {
        CAP[0] = 1; // VFS_CAP_FLAGS_EFFECTIVE
    }

    @TempDir
    Path tmp;

    @BeforeAll
    static void root() {
        assumeTrue(Libc.geteuid() == 0, "needs root");
    }

    private Path unpack(byte[] tar) throws Exception {
        Path out = tmp.resolve("out");
        new LayerUnpacker().unpack(new ByteArrayInputStream(Tars.gzip(tar)), out);
        return out;
    }

    private static FileStat stat(Path p) {
        int fd = Libc.open(p.getParent().toString(), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0);
        try {
            return FileNodes.lstatAt(fd, p.getFileName().toString());
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void modesOwnersAndTimes() throws Exception {
        Path out = unpack(new Tars()
                .dir("bin", 0750, 7, 8)
                .file("bin/suid", "x".getBytes(), 04755, 1000, 1001)
                .file("bin/sgid", "x".getBytes(), 02711, 0, 50)
                .dir("tmp", 01777)
                .symlink("bin/link", "suid")
                .tar());
        FileStat suid = stat(out.resolve("bin/suid"));
        assertThat(suid.permissions()).isEqualTo(04755);
        assertThat(suid.uid()).isEqualTo(1000);
        assertThat(suid.gid()).isEqualTo(1001);
        assertThat(suid.mtimeSec()).isEqualTo(Tars.T.getEpochSecond());
        assertThat(suid.mtimeNsec()).isEqualTo(500_000_000);
        assertThat(stat(out.resolve("bin/sgid")).permissions()).isEqualTo(02711);
        assertThat(stat(out.resolve("tmp")).permissions()).isEqualTo(01777);
        FileStat bin = stat(out.resolve("bin"));
        assertThat(bin.permissions()).isEqualTo(0750);
        assertThat(bin.uid()).isEqualTo(7);
        assertThat(bin.mtimeSec()).as("directory time set after its contents").isEqualTo(Tars.T.getEpochSecond());
        FileStat link = stat(out.resolve("bin/link"));
        assertThat(link.isSymlink()).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("bin/link")).toString()).isEqualTo("suid");
        assertThat(link.mtimeSec()).isEqualTo(Tars.T.getEpochSecond());
    }

    @Test
    void extendedAttributesIncludingFileCapabilities() throws Exception {
        Path out = unpack(new Tars()
                .xattr("security.capability", CAP).xattr("user.note", "hi".getBytes(StandardCharsets.UTF_8))
                .file("ping", "x".getBytes(), 0755, 0, 0)
                .xattr("trusted.t", new byte[]{(byte) 0xff, 0})
                .dir("d", 0755)
                .tar());
        assertThat(Xattr.get(out.resolve("ping").toString(), "security.capability")).isEqualTo(CAP);
        assertThat(Xattr.get(out.resolve("ping").toString(), "user.note")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(Xattr.get(out.resolve("d").toString(), "trusted.t")).isEqualTo(new byte[]{(byte) 0xff, 0});
        Process p = new ProcessBuilder("getcap", out.resolve("ping").toString()).redirectErrorStream(true).start();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() == 0) {
            assertThat(shown).contains("cap_net_bind_service");
        }
    }

    @Test
    void deviceNodesAndFifos() throws Exception {
        Path out = unpack(new Tars()
                .device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/loop9", TarConstants.LF_BLK, 7, 9)
                .device("fifo", TarConstants.LF_FIFO, 0, 0)
                .tar());
        FileStat nul = stat(out.resolve("dev/null"));
        assertThat(nul.isCharDevice()).isTrue();
        assertThat(nul.rdevMajor()).isEqualTo(1);
        assertThat(nul.rdevMinor()).isEqualTo(3);
        assertThat(nul.permissions()).isEqualTo(0620);
        FileStat loop = stat(out.resolve("dev/loop9"));
        assertThat(loop.type()).isEqualTo(FileNodes.S_IFBLK);
        assertThat(loop.rdevMajor()).isEqualTo(7);
        assertThat(loop.rdevMinor()).isEqualTo(9);
        assertThat(stat(out.resolve("fifo")).type()).isEqualTo(FileNodes.S_IFIFO);
    }

    @Test
    void hardLinksShareAnInode() throws Exception {
        Path out = unpack(new Tars()
                .file("a/orig", "same".getBytes(), 0640, 3, 4)
                .hardlink("b/copy", "a/orig")
                .hardlink("/c", "/a/orig")
                .tar());
        FileStat orig = stat(out.resolve("a/orig"));
        assertThat(stat(out.resolve("b/copy")).inode()).isEqualTo(orig.inode());
        assertThat(stat(out.resolve("c")).inode()).isEqualTo(orig.inode());
        assertThat(orig.nlink()).isEqualTo(3);
    }

    @Test
    void whiteoutsBecomeZeroZeroCharDevicesAndOpaqueXattrs() throws Exception {
        Path out = unpack(new Tars()
                .file("etc/.wh.gone", "")
                .dir("var/cache", 0755)
                .file("var/cache/.wh..wh..opq", "")
                .file("var/cache/new", "n")
                .file(".wh..wh.plnk", "")
                .tar());
        FileStat wh = stat(out.resolve("etc/gone"));
        assertThat(wh.isCharDevice()).isTrue();
        assertThat(wh.rdevMajor()).isZero();
        assertThat(wh.rdevMinor()).isZero();
        assertThat(out.resolve("etc/.wh.gone")).doesNotExist();
        assertThat(Xattr.get(out.resolve("var/cache").toString(), "trusted.overlay.opaque"))
                .isEqualTo("y".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.resolve("var/cache/.wh..wh..opq")).doesNotExist();
        assertThat(out.resolve("var/cache/new")).exists();
        assertThat(out.resolve(".wh..wh.plnk")).doesNotExist();
    }

    @Test
    void laterEntriesReplaceEarlierOnes() throws Exception {
        Path out = unpack(new Tars()
                .file("x", "first")
                .file("x", "second")
                .dir("d", 0755).file("d/inner", "i")
                .file("d", "now a file")
                .symlink("s", "x")
                .file("s", "replaces the link")
                .tar());
        assertThat(Files.readString(out.resolve("x"))).isEqualTo("second");
        assertThat(Files.readString(out.resolve("d"))).isEqualTo("now a file");
        assertThat(Files.isSymbolicLink(out.resolve("s"))).isFalse();
        assertThat(Files.readString(out.resolve("s"))).isEqualTo("replaces the link");
        assertThat(Files.readString(out.resolve("x"))).isEqualTo("second");
    }

    @Test
    void zeroRunsBecomeHoles() throws Exception {
        byte[] content = new byte[32 << 20];
        content[0] = 1;
        content[content.length - 1] = 2;
        Path out = unpack(new Tars().file("mostly-zeros", content, 0644, 0, 0)
                .sparse("sparse", 1L << 30, 99_996, "xdata".getBytes()).tar());
        FileStat z = stat(out.resolve("mostly-zeros"));
        assertThat(z.size()).isEqualTo(content.length);
        assertThat(z.blocks() * 512).isLessThan(1 << 20);
        assertThat(Files.readAllBytes(out.resolve("mostly-zeros"))).isEqualTo(content);
        FileStat s = stat(out.resolve("sparse"));
        assertThat(s.size()).isEqualTo(1L << 30);
        assertThat(s.blocks() * 512).isLessThan(1 << 20);
        try (var ch = java.nio.channels.FileChannel.open(out.resolve("sparse"))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6);
            ch.read(b, 99_992);
            assertThat(b.array()).isEqualTo(new byte[]{0, 0, 0, 0, 'x', 'd'});
        }
    }
}

package dev.hull.image.layer;

import dev.hull.sys.Libc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two unpacked layers mounted with overlayfs: whiteouts and opaque directories hide the lower layer. */
class OverlayLayersIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void root() {
        assumeTrue(Libc.geteuid() == 0, "needs root");
    }

    @Test
    void whiteoutAndOpaqueDirectoryHideLowerContents() throws Exception {
        LayerUnpacker unpacker = new LayerUnpacker();
        Path lower = tmp.resolve("lower");
        Path upper = tmp.resolve("upper");
        unpacker.unpack(new ByteArrayInputStream(new Tars()
                .file("etc/keep", "k").file("etc/gone", "g")
                .file("cache/old1", "1").file("cache/old2", "2").tar()), lower);
        unpacker.unpack(new ByteArrayInputStream(new Tars()
                .file("etc/.wh.gone", "")
                .dir("cache", 0755).file("cache/.wh..wh..opq", "").file("cache/fresh", "f").tar()), upper);

        Path merged = Files.createDirectory(tmp.resolve("merged"));
        // Both layers as read-only lower dirs, the upper one first.
        run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + upper + ":" + lower, merged.toString());
        try {
            assertThat(merged.resolve("etc/keep")).exists();
            assertThat(merged.resolve("etc/gone")).doesNotExist();
            try (var names = Files.list(merged.resolve("cache"))) {
                assertThat(names.map(p -> p.getFileName().toString())).containsExactly("fresh");
            }
        } finally {
            run("umount", merged.toString());
        }
        assertThat(lower.resolve("etc/gone")).exists();
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }
}

package dev.hull.image.layer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The digests an unpack reports are sha256sum's of the blob and of the decompressed tar. */
class LayerDigestsTest {
    @TempDir
    Path tmp;

    private final byte[] tar = new Tars().dir("etc", 0755).file("etc/hostname", "layer\n")
            .file("big", "0123456789abcdef".repeat(50_000)).tar();

    @Test
    void gzipLayer() throws Exception {
        check(Tars.gzip(tar), Compression.GZIP);
    }

    @Test
    void zstdLayer() throws Exception {
        check(Tars.zstd(tar), Compression.ZSTD);
    }

    @Test
    void plainTarLayerHasBlobDigestEqualToDiffId() throws Exception {
        UnpackResult r = check(tar, Compression.NONE);
        assertThat(r.blobDigest()).isEqualTo(r.diffId());
    }

    @Test
    void bytesAfterTheTarEndMarkerAreHashedToo() throws Exception {
        byte[] padded = new byte[tar.length + 7000];
        System.arraycopy(tar, 0, padded, 0, tar.length);
        UnpackResult r = check(padded, Compression.NONE);
        assertThat(r.tarSize()).isEqualTo(padded.length);
    }

    private UnpackResult check(byte[] blob, Compression expected) throws Exception {
        Path target = tmp.resolve("out");
        UnpackResult r = new LayerUnpacker().unpack(new ByteArrayInputStream(blob), target);
        Path blobFile = Files.write(tmp.resolve("blob"), blob);
        Path tarFile = Files.write(tmp.resolve("tar"), Compression.open(new ByteArrayInputStream(blob)).stream().readAllBytes());
        assertThat(r.compression()).isEqualTo(expected);
        assertThat(r.blobDigest().toString()).isEqualTo("sha256:" + sha256sum(blobFile));
        assertThat(r.diffId().toString()).isEqualTo("sha256:" + sha256sum(tarFile));
        assertThat(r.blobSize()).isEqualTo(blob.length);
        assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("layer\n");
        assertThat(Files.size(target.resolve("big"))).isEqualTo(800_000);
        return r;
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        return out.substring(0, 64);
    }
}

package dev.hull.image.layer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionTest {
    private static final byte[] DATA = "hello layer\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void detectsByMagic() {
        byte[] gz = Tars.gzip(DATA);
        byte[] zst = Tars.zstd(DATA);
        assertThat(Compression.detect(gz, gz.length)).isEqualTo(Compression.GZIP);
        assertThat(Compression.detect(zst, zst.length)).isEqualTo(Compression.ZSTD);
        assertThat(Compression.detect(DATA, DATA.length)).isEqualTo(Compression.NONE);
        byte[] tar = new Tars().file("a", "x").tar();
        assertThat(Compression.detect(tar, tar.length)).isEqualTo(Compression.NONE);
    }

    @Test
    void shortInputIsNotCompressed() {
        assertThat(Compression.detect(new byte[]{0x1f}, 1)).isEqualTo(Compression.NONE);
        assertThat(Compression.detect(new byte[]{0x28, (byte) 0xb5, 0x2f}, 3)).isEqualTo(Compression.NONE);
    }

    @Test
    void opensEachFormatToTheSameBytes() throws Exception {
        for (byte[] blob : new byte[][]{Tars.gzip(DATA), Tars.zstd(DATA), DATA}) {
            Compression.Decompressed d = Compression.open(new ByteArrayInputStream(blob));
            assertThat(d.stream().readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws Exception {
        byte[] a = Tars.gzip("first ".getBytes(StandardCharsets.UTF_8));
        byte[] b = Tars.gzip("second".getBytes(StandardCharsets.UTF_8));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(new String(Compression.open(new ByteArrayInputStream(both)).stream().readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo("first second");
    }
}

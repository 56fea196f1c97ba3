package dev.hull.image.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PaxXattrTapTest {
    /** A value that is not valid UTF-8, as security.capability values usually are not. */
    private static final byte[] BINARY = {1, 0, 0, 2, (byte) 0x80, (byte) 0xff, 0, 0, (byte) 0xc3, 0x28};

    @Test
    void keepsRawBytesOfEachEntrysXattrs() throws Exception {
        byte[] tar = new Tars()
                .file("plain", "p")
                .xattr("security.capability", BINARY).xattr("user.note", "hi".getBytes(StandardCharsets.UTF_8))
                .file("capped", "c")
                .file("after", "a")
                .tar();
        PaxXattrTap tap = new PaxXattrTap(new ByteArrayInputStream(tar));
        try (TarArchiveInputStream in = new TarArchiveInputStream(tap)) {
            assertThat(in.getNextEntry().getName()).isEqualTo("plain");
            assertThat(tap.current()).isEmpty();
            assertThat(in.getNextEntry().getName()).isEqualTo("capped");
            assertThat(tap.current()).containsOnlyKeys("security.capability", "user.note");
            assertThat(tap.current().get("security.capability")).isEqualTo(BINARY);
            assertThat(tap.current().get("user.note")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(in.getNextEntry().getName()).isEqualTo("after");
            assertThat(tap.current()).isEmpty();
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @Test
    void parsesRecordsWithNewlinesAndEqualsInValues() {
        byte[] value = "a=b\nc".getBytes(StandardCharsets.UTF_8);
        String key = "SCHILY.xattr.user.x";
        int body = 1 + key.length() + 1 + value.length + 1;
        String len = Integer.toString(body + 2);
        byte[] rec = new byte[body + len.length()];
        byte[] head = (len + " " + key + "=").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, rec, 0, head.length);
        System.arraycopy(value, 0, rec, head.length, value.length);
        rec[rec.length - 1] = '\n';
        assertThat(PaxXattrTap.parseRecords(rec).get("user.x")).isEqualTo(value);
    }
}

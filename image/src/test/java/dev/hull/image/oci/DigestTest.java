package dev.hull.image.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestTest {

    @Test
    void hashesKnownValues() {
        byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Digest.sha256(abc).toString())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digest.of(DigestAlgorithm.SHA512, abc).hex()).startsWith("ddaf35a193617aba").hasSize(128);
        assertThat(Digest.sha256(abc).matches(abc)).isTrue();
        assertThat(Digest.sha256(abc).matches(new byte[0])).isFalse();
    }

    @Test
    void parsesAndPrints() {
        String s = "sha256:" + "a".repeat(64);
        Digest d = Digest.parse(s);
        assertThat(d.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(d.toString()).isEqualTo(s);
        assertThat(d.shortHex()).isEqualTo("a".repeat(12));
        assertThat(Digest.parse("sha512:" + "0".repeat(128)).algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(Digest.isValid(s)).isTrue();
        assertThat(Digest.isValid("sha256:x")).isFalse();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''                      | invalid digest "": empty
            sha256                  | invalid digest "sha256": expected algorithm:hex
            :abc                    | invalid digest ":abc": expected algorithm:hex
            sha256:                 | invalid digest "sha256:": expected algorithm:hex
            md5:d41d8cd98f00b204e9800998ecf8427e | invalid digest "md5:d41d8cd98f00b204e9800998ecf8427e": unsupported digest algorithm md5
            sha256:abc              | invalid digest "sha256:abc": sha256 needs 64 hex characters, got 3
            """)
    void refuses(String in, String message) {
        assertThatThrownBy(() -> Digest.parse(in)).isInstanceOf(InvalidDigestException.class).hasMessage(message);
    }

    @Test
    void refusesNonCanonicalHex() {
        assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64)))
                .hasMessageEndingWith("character 'A' at 0 is not lowercase hex");
        assertThatThrownBy(() -> Digest.parse("sha512:" + "a".repeat(64)))
                .hasMessageEndingWith("sha512 needs 128 hex characters, got 64");
    }
}

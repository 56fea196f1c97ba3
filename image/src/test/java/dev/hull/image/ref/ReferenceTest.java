package dev.hull.image.ref;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceTest {

    static final String H = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                               | domain          | path             | tag    | digest
            busybox                               | docker.io       | library/busybox  | -      | -
            busybox:1.36                          | docker.io       | library/busybox  | 1.36   | -
            library/busybox                       | docker.io       | library/busybox  | -      | -
            docker.io/busybox                     | docker.io       | library/busybox  | -      | -
            docker.io/library/busybox:latest      | docker.io       | library/busybox  | latest | -
            index.docker.io/busybox               | docker.io       | library/busybox  | -      | -
            index.docker.io/user/app              | docker.io       | user/app         | -      | -
            user/app                              | docker.io       | user/app         | -      | -
            user/app:v1.0-rc_1                    | docker.io       | user/app         | v1.0-rc_1 | -
            a/b/c/d                               | docker.io       | a/b/c/d          | -      | -
            registry:5000/a/b:tag                 | registry:5000   | a/b              | tag    | -
            registry.example.com/team/app:1       | registry.example.com | team/app    | 1      | -
            localhost/x                           | localhost       | x                | -      | -
            localhost:5000/x                      | localhost:5000  | x                | -      | -
            localhost:5000/x:y                    | localhost:5000  | x                | y      | -
            127.0.0.1:5000/x                      | 127.0.0.1:5000  | x                | -      | -
            [::1]:5000/x:1                        | [::1]:5000      | x                | 1      | -
            Registry.Example.COM/x                | Registry.Example.COM | x           | -      | -
            UPPER/x                               | UPPER           | x                | -      | -
            localhost:5000                        | docker.io       | library/localhost | 5000  | -
            foo-bar.baz-qux/a__b.c-d---e          | foo-bar.baz-qux | a__b.c-d---e     | -      | -
            """)
    void parsesAndNormalises(String in, String domain, String path, String tag, String digest) {
        Reference r = Reference.parse(in);
        assertThat(r.domain()).isEqualTo(domain);
        assertThat(r.path()).isEqualTo(path);
        assertThat(r.tag()).isEqualTo(tag);
        assertThat(r.digest()).isNull();
    }

    @Test
    void digestReferences() {
        Reference r = Reference.parse("busybox@sha256:" + H);
        assertThat(r.tag()).isNull();
        assertThat(r.digest().toString()).isEqualTo("sha256:" + H);
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox@sha256:" + H);
        assertThat(r.familiar()).isEqualTo("busybox@sha256:" + H);
        assertThat(r.withDefaultTag()).isEqualTo(r);

        Reference both = Reference.parse("localhost:5000/x:1.0@sha256:" + H);
        assertThat(both.tag()).isEqualTo("1.0");
        assertThat(both.digest().hex()).isEqualTo(H);
        assertThat(both.toString()).isEqualTo("localhost:5000/x:1.0@sha256:" + H);

        String sha512 = H + H;
        assertThat(Reference.parse("x@sha512:" + sha512).digest().algorithm().id()).isEqualTo("sha512");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                        | full                                      | familiar
            busybox                        | docker.io/library/busybox:latest          | busybox:latest
            busybox:1.36                   | docker.io/library/busybox:1.36            | busybox:1.36
            docker.io/library/busybox      | docker.io/library/busybox:latest          | busybox:latest
            user/app                       | docker.io/user/app:latest                 | user/app:latest
            library/a/b                    | docker.io/library/a/b:latest              | library/a/b:latest
            docker.io/my.org/app           | docker.io/my.org/app:latest               | docker.io/my.org/app:latest
            docker.io/localhost/app        | docker.io/localhost/app:latest            | docker.io/localhost/app:latest
            registry:5000/a/b:tag          | registry:5000/a/b:tag                     | registry:5000/a/b:tag
            localhost/x                    | localhost/x:latest                        | localhost/x:latest
            """)
    void fullAndFamiliarForms(String in, String full, String familiar) {
        Reference r = Reference.parse(in).withDefaultTag();
        assertThat(r.toString()).isEqualTo(full);
        assertThat(r.familiar()).isEqualTo(familiar);
        // both forms read back as the same reference
        assertThat(Reference.parse(full)).isEqualTo(r);
        assertThat(Reference.parse(familiar)).isEqualTo(r);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            # input                     | message
            ''                          | invalid reference format: repository name must have at least one component
            Busybox                     | invalid reference format: repository name (library/Busybox) must be lowercase
            a/B                         | invalid reference format: repository name (a/B) must be lowercase
            localhost:5000/Foo          | invalid reference format: repository name (Foo) must be lowercase
            busybox:                    | invalid reference format: empty tag
            busybox:-x                  | invalid reference format: tag "-x" must start with a letter, digit or '_' and hold only letters, digits, '_', '.' and '-'
            busybox:a+b                 | invalid reference format: tag "a+b" must start with a letter, digit or '_' and hold only letters, digits, '_', '.' and '-'
            x:y:z                       | invalid reference format: "x:y" is not a valid repository path component (lowercase letters and digits, separated by '.', '_', '__' or '-')
            a//b                        | invalid reference format: empty path component in "a//b"
            a/b/                        | invalid reference format: empty path component in "a/b/"
            /a                          | invalid reference format: empty path component in "/a"
            -a                          | invalid reference format: "-a" is not a valid repository path component (lowercase letters and digits, separated by '.', '_', '__' or '-')
            a..b                        | invalid reference format: "a..b" is not a valid repository path component (lowercase letters and digits, separated by '.', '_', '__' or '-')
            a___b                       | invalid reference format: "a___b" is not a valid repository path component (lowercase letters and digits, separated by '.', '_', '__' or '-')
            -bad.host/x                 | invalid reference format: invalid registry host "-bad.host"
            foo_bar.baz/x               | invalid reference format: invalid registry host "foo_bar.baz"
            host:port/x                 | invalid reference format: invalid registry host "host:port"
            busybox@sha256:abc          | invalid reference format: digest "sha256:abc" must be algorithm:hex with at least 32 hex characters
            busybox@sha256              | invalid reference format: digest "sha256" must be algorithm:hex
            busybox@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm: md5
            busybox@sha256:0123456789abcdef0123456789abcdef | invalid checksum digest length: sha256 needs 64 hex characters, got 32
            """)
    void refusesWithOneLine(String in, String message) {
        assertThatThrownBy(() -> Reference.parse(in))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage(message);
    }

    @Test
    void refusesUppercaseDigestHex() {
        assertThatThrownBy(() -> Reference.parse("busybox@sha256:" + H.toUpperCase()))
                .hasMessageStartingWith("invalid checksum digest format: ");
    }

    @Test
    void refusesBareImageId() {
        assertThatThrownBy(() -> Reference.parse(H))
                .hasMessage("invalid repository name (" + H + "), cannot specify 64-byte hexadecimal strings");
        // a name that only contains such a string is fine
        assertThat(Reference.parse("x/" + H).path()).isEqualTo("x/" + H);
    }

    @Test
    void tagLimitIs128() {
        String t128 = "a".repeat(128);
        assertThat(Reference.parse("busybox:" + t128).tag()).isEqualTo(t128);
        assertThatThrownBy(() -> Reference.parse("busybox:" + t128 + "a"))
                .hasMessage("invalid reference format: tag is 129 characters long, the limit is 128");
    }

    @Test
    void nameLimitIs255() {
        // docker.io/ + library/ take 18 of the 255
        String ok = "a".repeat(255 - "docker.io/library/".length());
        assertThat(Reference.parse(ok).name()).hasSize(255);
        assertThatThrownBy(() -> Reference.parse(ok + "a"))
                .hasMessage("repository name must not be more than 255 characters");
    }

    @Test
    void derivedReferences() {
        Reference r = Reference.parse("localhost:5000/x:1");
        assertThat(r.withTag("2").toString()).isEqualTo("localhost:5000/x:2");
        assertThat(r.repository().toString()).isEqualTo("localhost:5000/x");
        assertThat(r.name()).isEqualTo("localhost:5000/x");
        assertThatThrownBy(() -> r.withTag("bad tag")).isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    void registryHosts() {
        assertThat(Reference.parse("busybox").registryHost()).isEqualTo("registry-1.docker.io");
        assertThat(Reference.parse("quay.io/a/b").registryHost()).isEqualTo("quay.io");
        assertThat(Reference.parse("localhost:5000/a").isLocalRegistry()).isTrue();
        assertThat(Reference.parse("127.0.0.1:5000/a").isLocalRegistry()).isTrue();
        assertThat(Reference.parse("[::1]:5000/a").isLocalRegistry()).isTrue();
        assertThat(Reference.parse("[::1]/a").isLocalRegistry()).isTrue();
        assertThat(Reference.parse("quay.io/a").isLocalRegistry()).isFalse();
        assertThat(Reference.parse("busybox").isLocalRegistry()).isFalse();
    }
}

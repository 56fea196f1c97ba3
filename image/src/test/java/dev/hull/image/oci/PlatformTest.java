package dev.hull.image.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/amd64         | linux/amd64
            linux/x86_64        | linux/amd64
            linux/amd64/v1      | linux/amd64
            linux/amd64/v3      | linux/amd64/v3
            linux/arm64         | linux/arm64
            linux/arm64/v8      | linux/arm64
            linux/aarch64       | linux/arm64
            linux/arm           | linux/arm/v7
            linux/arm/7         | linux/arm/v7
            linux/arm/v6        | linux/arm/v6
            linux/armhf         | linux/arm/v7
            linux/armel         | linux/arm/v6
            linux/i386          | linux/386
            Linux/AMD64         | linux/amd64
            linux/riscv64       | linux/riscv64
            linux/s390x         | linux/s390x
            arm64               | linux/arm64
            """)
    void parsesAndNormalises(String in, String normal) {
        assertThat(Platform.parse(in).toString()).isEqualTo(normal);
    }

    @Test
    void oneWordOsMeansThisMachinesArchitecture() {
        assertThat(Platform.parse("linux")).isEqualTo(new Platform("linux", Platform.host().architecture(),
                Platform.host().variant()));
    }

    @Test
    void refusesMalformed() {
        assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x"))
                .hasMessage("invalid platform \"linux/arm/v7/x\": expected os/arch[/variant]");
        assertThatThrownBy(() -> Platform.parse("linux//v7"))
                .hasMessage("invalid platform \"linux//v7\": each part must be letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> Platform.parse("")).hasMessageStartingWith("invalid platform \"\"");
    }

    @Test
    void hostIsNormalised() {
        Platform h = Platform.host();
        assertThat(h.os()).isEqualTo("linux");
        assertThat(h).isEqualTo(h.normalize());
        assertThat(h.architecture()).isNotEqualTo("x86_64").isNotEqualTo("aarch64");
    }

    @Test
    void exactMatchIsPreferredOverCompatibleOnes() {
        PlatformMatcher arm64 = PlatformMatcher.of(Platform.parse("linux/arm64"));
        assertThat(arm64.matches(Platform.parse("linux/arm64/v8"))).isTrue();
        assertThat(arm64.matches(Platform.parse("linux/arm/v7"))).isTrue();
        assertThat(arm64.matches(Platform.parse("linux/amd64"))).isFalse();
        assertThat(arm64.matches(new Platform("windows", "arm64"))).isFalse();
        assertThat(arm64.rank(Platform.parse("linux/arm64"))).isLessThan(arm64.rank(Platform.parse("linux/arm/v7")));
        assertThat(arm64.rank(Platform.parse("linux/arm/v7"))).isLessThan(arm64.rank(Platform.parse("linux/arm/v6")));

        PlatformMatcher armv7 = PlatformMatcher.of(Platform.parse("linux/arm/v7"));
        assertThat(armv7.matches(Platform.parse("linux/arm/v6"))).isTrue();
        assertThat(armv7.matches(Platform.parse("linux/arm/v5"))).isTrue();
        assertThat(armv7.matches(Platform.parse("linux/arm/v8"))).isFalse();
        assertThat(armv7.matches(Platform.parse("linux/arm64"))).isFalse();

        PlatformMatcher v6 = PlatformMatcher.of(Platform.parse("linux/arm/v6"));
        assertThat(v6.matches(Platform.parse("linux/arm/v7"))).isFalse();

        PlatformMatcher amd64 = PlatformMatcher.of(Platform.parse("linux/amd64"));
        assertThat(amd64.matches(Platform.parse("linux/386"))).isTrue();
        assertThat(amd64.rank(Platform.parse("linux/amd64"))).isLessThan(amd64.rank(Platform.parse("linux/amd64/v2")));
        assertThat(amd64.rank(Platform.parse("linux/amd64/v2"))).isLessThan(amd64.rank(Platform.parse("linux/386")));

        PlatformMatcher v3 = PlatformMatcher.of(Platform.parse("linux/amd64/v3"));
        assertThat(v3.matches(Platform.parse("linux/amd64/v2"))).isTrue();
        assertThat(v3.matches(Platform.parse("linux/amd64"))).isTrue();
        assertThat(v3.matches(Platform.parse("linux/amd64/v4"))).isFalse();
        assertThat(v3.rank(Platform.parse("linux/amd64/v2"))).isLessThan(v3.rank(Platform.parse("linux/amd64")));
    }

    @Test
    void strictMatchesOnlyTheWantedPlatform() {
        PlatformMatcher m = PlatformMatcher.strict(Platform.parse("linux/arm64"));
        assertThat(m.matches(Platform.parse("linux/aarch64"))).isTrue();
        assertThat(m.matches(Platform.parse("linux/arm/v7"))).isFalse();
    }

    @Test
    void bestPicksTheEarliestRankAndKeepsIndexOrderOnTies() {
        Digest a = Digest.sha256(new byte[] {1});
        Digest b = Digest.sha256(new byte[] {2});
        Digest c = Digest.sha256(new byte[] {3});
        Digest d = Digest.sha256(new byte[] {4});
        List<Descriptor> index = List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, a, 1).withPlatform(Platform.parse("linux/arm/v6")),
                new Descriptor(MediaTypes.OCI_MANIFEST, b, 1).withPlatform(Platform.parse("linux/arm/v7")),
                new Descriptor(MediaTypes.OCI_MANIFEST, c, 1).withPlatform(new Platform("linux", "arm", "v7")),
                new Descriptor(MediaTypes.OCI_MANIFEST, d, 1));
        assertThat(PlatformMatcher.of(Platform.parse("linux/arm64")).best(index).orElseThrow().digest()).isEqualTo(b);
        assertThat(PlatformMatcher.of(Platform.parse("linux/arm/v6")).best(index).orElseThrow().digest()).isEqualTo(a);
        assertThat(PlatformMatcher.of(Platform.parse("linux/amd64")).best(index)).isEmpty();
    }
}

package dev.hull.image.layer;

import dev.hull.image.oci.Digest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainIdsTest {
    // sha256 of "a" and of "b"; the expected chain ID was computed with
    // printf 'sha256:<a> sha256:<b>' | sha256sum
    private static final Digest A = Digest.parse("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    private static final Digest B = Digest.parse("sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d");
    private static final Digest AB = Digest.parse("sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676");

    @Test
    void bottomLayerChainIdIsItsDiffId() {
        assertThat(ChainIds.next(null, A)).isEqualTo(A);
    }

    @Test
    void nextChainIdHashesParentSpaceDiffId() {
        assertThat(ChainIds.next(A, B)).isEqualTo(AB);
    }

    @Test
    void chainIdsOfAnImageAreCumulative() {
        assertThat(ChainIds.of(List.of(A, B, A))).containsExactly(A, AB, ChainIds.next(AB, A));
        assertThat(ChainIds.of(List.of(B, A)).get(1)).isNotEqualTo(AB);
    }
}

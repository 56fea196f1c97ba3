package dev.hull.image.layer;

import dev.hull.image.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain IDs name a layer together with every layer below it, as the OCI image spec
 * defines them: the first layer's chain ID is its diff ID; each next one is the SHA-256 of
 * the text {@code "<parent chain ID> <diff ID>"}. Two images sharing their first n layers
 * share those n unpacked directories.
 */
public final class ChainIds {
    private ChainIds() {
    }

    /** The chain ID of a layer with diff ID {@code diffId} on top of {@code parent} (null for the first). */
    public static Digest next(Digest parent, Digest diffId) {
        if (parent == null) {
            return diffId;
        }
        return Digest.sha256((parent + " " + diffId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The chain IDs of all layers of an image, bottom first, from its diff IDs (bottom first). */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = null;
        for (Digest d : diffIds) {
            chain = next(chain, d);
            out.add(chain);
        }
        return out;
    }
}

package dev.hull.image.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.image.oci.Digest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The small JSON file beside each unpacked layer ({@code layer.json}). It is written last,
 * so its presence is what marks a layer as complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LayerMetadata(String chainId, String parent, String diffId, String blobDigest, long blobSize, long tarSize,
                     long size) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static LayerMetadata of(Digest chainId, Digest parent, UnpackResult r) {
        return new LayerMetadata(chainId.toString(), parent == null ? null : parent.toString(), r.diffId().toString(),
                r.blobDigest().toString(), r.blobSize(), r.tarSize(), r.unpackedBytes());
    }

    byte[] toJson() throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static LayerMetadata read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), LayerMetadata.class);
    }

    Layer toLayer(Path diff) {
        return new Layer(Digest.parse(chainId), parent == null ? null : Digest.parse(parent), Digest.parse(diffId),
                Digest.parse(blobDigest), blobSize, size, diff);
    }
}

package dev.hull.image.layer;

import dev.hull.image.oci.Digest;

import java.nio.file.Path;

/**
 * An unpacked layer in a {@link LayerStore}.
 *
 * @param chainId    the layer with all below it (the store's key)
 * @param parent     chain ID of the layer below, null for a bottom layer
 * @param diffId     digest of this layer's uncompressed tar
 * @param blobDigest digest of the blob it was unpacked from
 * @param blobSize   bytes of that blob
 * @param size       apparent size of its regular files
 * @param diff       the directory holding its files, to be used as an overlayfs lower (or upper) dir
 */
public record Layer(Digest chainId, Digest parent, Digest diffId, Digest blobDigest, long blobSize, long size,
                    Path diff) {
}

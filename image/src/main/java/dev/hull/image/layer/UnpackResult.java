package dev.hull.image.layer;

import dev.hull.image.oci.Digest;

/**
 * What unpacking one layer found out about it.
 *
 * @param compression    how the blob was compressed
 * @param blobDigest     SHA-256 of the blob as read (the compressed bytes): the layer's digest in a manifest
 * @param blobSize       bytes of the blob
 * @param diffId         SHA-256 of the uncompressed tar: the layer's diff ID in an image config
 * @param tarSize        bytes of the uncompressed tar
 * @param unpackedBytes  apparent size of the regular files written (holes included)
 * @param entries        tar entries read
 * @param skippedDevices device nodes left out because the unpack ran without root
 */
public record UnpackResult(Compression compression, Digest blobDigest, long blobSize, Digest diffId, long tarSize,
                           long unpackedBytes, long entries, long skippedDevices) {
}

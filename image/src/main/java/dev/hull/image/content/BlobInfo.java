package dev.hull.image.content;

import dev.hull.image.oci.Digest;

/** A stored blob: its digest and its size in bytes. */
public record BlobInfo(Digest digest, long size) {
}

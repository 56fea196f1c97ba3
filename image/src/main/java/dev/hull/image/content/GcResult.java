package dev.hull.image.content;

import dev.hull.image.oci.Digest;

import java.util.List;

/** What a garbage collection removed. */
public record GcResult(List<Digest> removed, long bytesFreed, int tempFilesRemoved) {
    public GcResult {
        removed = List.copyOf(removed);
    }
}

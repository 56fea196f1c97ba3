package dev.hull.image.store;

import dev.hull.image.oci.Digest;
import dev.hull.image.ref.Reference;

import java.time.Instant;
import java.util.List;

/**
 * One image known to the store: the manifest or index it is ({@code target}), the
 * config digest of the platform that was pulled ({@code id}, docker's image ID), when
 * it was stored, and the names pointing at it. Names are full references, either
 * tagged ({@code docker.io/library/busybox:latest}) or by digest
 * ({@code docker.io/library/busybox@sha256:...}, docker's "repo digests").
 */
public record ImageRecord(Digest target, String mediaType, long size, Digest id, Instant created,
                          List<Reference> names) {

    public ImageRecord {
        if (target == null || mediaType == null || id == null || created == null) {
            throw new IllegalArgumentException("an image record needs a target, media type, id and time");
        }
        names = List.copyOf(names);
    }

    /** Docker's short ID: 12 hex characters of the config digest. */
    public String shortId() {
        return id.shortHex();
    }

    /** The tagged names. */
    public List<Reference> tags() {
        return names.stream().filter(r -> r.tag() != null).toList();
    }

    /** The by-digest names. */
    public List<Reference> repoDigests() {
        return names.stream().filter(r -> r.digest() != null).toList();
    }

    /** No tag points here any more (docker's {@code <none>:<none>}). */
    public boolean dangling() {
        return tags().isEmpty();
    }

    ImageRecord withNames(List<Reference> n) {
        return new ImageRecord(target, mediaType, size, id, created, n);
    }
}

package dev.hull.image.store;

import dev.hull.image.oci.Digest;
import dev.hull.image.oci.InvalidDigestException;
import dev.hull.image.ref.InvalidReferenceException;
import dev.hull.image.ref.Reference;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the image a user means, in docker's order: a full ID ({@code sha256:...} or
 * 64 hex), then a name ({@code busybox}, {@code busybox:1.36}, {@code busybox@sha256:...},
 * normalised, {@code :latest} implied), then a unique prefix of an ID. {@code abc123}
 * is thus first the image named {@code docker.io/library/abc123:latest}, and only if
 * there is none an ID prefix.
 */
final class ImageResolver {

    private static final Pattern HEX_PREFIX = Pattern.compile("(sha256:)?[a-f0-9]{1,64}");

    private ImageResolver() {
    }

    static ImageRecord resolve(ImageTable t, String s) {
        if (s == null || s.isEmpty()) {
            throw new ImageNotFoundException("\"\"");
        }
        Optional<Digest> full = fullId(s);
        if (full.isPresent()) {
            return byId(t, full.get()).orElseThrow(() -> new ImageNotFoundException(s));
        }
        Reference ref = null;
        try {
            ref = Reference.parse(s).withDefaultTag();
        } catch (InvalidReferenceException e) {
            if (!HEX_PREFIX.matcher(s).matches()) {
                throw e;
            }
        }
        if (ref != null) {
            Optional<ImageRecord> byName = byReference(t, ref);
            if (byName.isPresent()) {
                return byName.get();
            }
        }
        if (HEX_PREFIX.matcher(s).matches()) {
            Optional<ImageRecord> byPrefix = byIdPrefix(t, s.startsWith("sha256:") ? s.substring(7) : s);
            if (byPrefix.isPresent()) {
                return byPrefix.get();
            }
        }
        throw new ImageNotFoundException(ref != null ? ref.familiar() : s);
    }

    /** By name; a name with a digest matches on the digest alone, as docker ignores the tag then. */
    static Optional<ImageRecord> byReference(ImageTable t, Reference ref) {
        if (ref.digest() != null) {
            Reference byDigest = ref.repository().withDigest(ref.digest());
            Optional<ImageRecord> named = t.byName(byDigest);
            if (named.isPresent()) {
                return named;
            }
            // pulled by tag: the target is the digest and the repository is among the names
            return t.images().stream()
                    .filter(r -> r.target().equals(ref.digest()))
                    .filter(r -> r.names().stream().anyMatch(n -> n.name().equals(ref.name())))
                    .findFirst();
        }
        return t.byName(ref);
    }

    private static Optional<Digest> fullId(String s) {
        String d = s.length() == 64 ? "sha256:" + s : s;
        if (!d.startsWith("sha256:") && !d.startsWith("sha512:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(d));
        } catch (InvalidDigestException e) {
            return Optional.empty();
        }
    }

    /** By config digest (the image ID), or by manifest/index digest, which docker also accepts. */
    private static Optional<ImageRecord> byId(ImageTable t, Digest d) {
        Optional<ImageRecord> byTarget = t.byTarget(d);
        if (byTarget.isPresent()) {
            return byTarget;
        }
        return newest(t.images().stream().filter(r -> r.id().equals(d)).toList());
    }

    private static Optional<ImageRecord> byIdPrefix(ImageTable t, String hexPrefix) {
        List<ImageRecord> matches = t.images().stream()
                .filter(r -> r.id().algorithm().id().equals("sha256") && r.id().hex().startsWith(hexPrefix))
                .toList();
        long ids = matches.stream().map(ImageRecord::id).distinct().count();
        if (ids > 1) {
            throw new ImageStoreException("multiple IDs found with provided prefix: " + hexPrefix);
        }
        return newest(matches);
    }

    /** One image ID can be behind several records (pulled by index and by manifest): take the latest. */
    private static Optional<ImageRecord> newest(List<ImageRecord> records) {
        return records.stream().max(Comparator.comparing(ImageRecord::created));
    }
}

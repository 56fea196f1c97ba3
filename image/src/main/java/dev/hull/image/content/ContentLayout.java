package dev.hull.image.content;

import dev.hull.image.oci.Digest;
import dev.hull.image.oci.DigestAlgorithm;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where things live under a content store root:
 * <pre>
 * ROOT/blobs/ALG/HEX              committed blobs, read-only
 * ROOT/ingest/ALG-HEX.lock        one writer per digest (threads and processes)
 * ROOT/ingest/ALG-HEX.RANDOM.tmp  data being written; same filesystem as blobs/, so the final rename is atomic
 * ROOT/ingest/gc.lock             shared by writers and leases, exclusive for garbage collection
 * </pre>
 * The blobs/ part is the OCI image layout's, so a store can be read as one.
 */
final class ContentLayout {

    static final String TMP_SUFFIX = ".tmp";
    static final String LOCK_SUFFIX = ".lock";

    private final Path root;

    ContentLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path blobs() {
        return root.resolve("blobs");
    }

    Path blob(Digest d) {
        return blobs().resolve(d.algorithm().id()).resolve(d.hex());
    }

    Path ingestDir() {
        return root.resolve("ingest");
    }

    Path gcLock() {
        return ingestDir().resolve("gc.lock");
    }

    Path digestLock(Digest d) {
        return ingestDir().resolve(stem(d) + LOCK_SUFFIX);
    }

    /** File name prefix of the temporary files of one digest. */
    String tmpPrefix(Digest d) {
        return stem(d) + ".";
    }

    /** The digest a file under blobs/ALG/ stands for, if its name is a valid one. */
    static Optional<Digest> digestOf(DigestAlgorithm alg, String fileName) {
        try {
            return Optional.of(new Digest(alg, fileName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stem(Digest d) {
        return d.algorithm().id() + "-" + d.hex();
    }
}

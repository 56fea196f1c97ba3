package dev.hull.image.store;

import dev.hull.image.fs.AtomicFiles;
import dev.hull.image.fs.LockFile;
import dev.hull.image.oci.Descriptor;
import dev.hull.image.oci.Digest;
import dev.hull.image.ref.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Names to images: which manifest or index each tag and digest reference means.
 * Kept in {@code ROOT/images.json}. Every change reads the file, applies the change
 * and replaces the file atomically, all under an exclusive lock on
 * {@code ROOT/images.lock}, so two hull processes pulling or tagging at once never
 * lose each other's changes; readers take no lock, as a rename never shows a
 * half-written file.
 */
public final class ImageStore {

    private final Path file;
    private final Path lock;
    private final Clock clock;

    public ImageStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public ImageStore(Path root, Clock clock) {
        this.file = root.resolve("images.json");
        this.lock = root.resolve("images.lock");
        this.clock = clock;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store at " + root + ": " + e.getMessage(), e);
        }
    }

    /** All images, in the order they were first stored. */
    public List<ImageRecord> list() {
        return load().images();
    }

    /** The image whose manifest or index is {@code target}. */
    public Optional<ImageRecord> get(Digest target) {
        return load().byTarget(target);
    }

    /**
     * The image {@code s} names: a full or short reference, an image ID, or a unique ID
     * prefix. Throws {@link ImageNotFoundException} ("No such image: ...").
     */
    public ImageRecord resolve(String s) {
        return ImageResolver.resolve(load(), s);
    }

    public Optional<ImageRecord> find(String s) {
        try {
            return Optional.of(resolve(s));
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Records a pulled, loaded or built image: its manifest or index, the config digest
     * of the platform used, and the names to point at it, which move here from any other
     * image. Names are tagged ({@code :latest} implied) or by digest, which must be the
     * target's; {@code repo:tag@digest} records both forms. A pull passes
     * {@code repo:tag} and {@code repo@target} (docker's repo digest); a build, only tags.
     * Storing a target again merges the names and keeps the first time.
     */
    public ImageRecord put(Descriptor target, Digest configId, List<Reference> names) {
        List<Reference> n = normalise(target.digest(), names);
        ImageRecord rec = new ImageRecord(target.digest(), target.mediaType(), target.size(), configId,
                clock.instant(), n);
        ImageTable after = update(t -> t.put(rec));
        return after.byTarget(target.digest()).orElseThrow();
    }

    /** Gives the image {@code source} names the new name {@code name} ({@code :latest} implied). */
    public ImageRecord tag(String source, Reference name) {
        Reference n = name.withDefaultTag();
        if (n.digest() != null) {
            throw new ImageStoreException("refusing to create a tag with a digest reference: " + name.familiar());
        }
        ImageTable after = update(t -> t.tag(ImageResolver.resolve(t, source).target(), n));
        return after.byName(n).orElseThrow();
    }

    /**
     * Removes one name ({@code :latest} implied); the image stays, dangling if it was its
     * last tag. Returns the image as it is afterwards.
     */
    public ImageRecord untag(Reference name) {
        Reference n = name.withDefaultTag();
        Reference key = n.digest() != null ? n.repository().withDigest(n.digest()) : n;
        Digest[] target = new Digest[1];
        ImageTable after = update(t -> {
            target[0] = t.byName(key).orElseThrow(() -> new ImageNotFoundException(n.familiar())).target();
            return t.withoutName(key);
        });
        return after.byTarget(target[0]).orElseThrow();
    }

    /** Removes the image {@code s} resolves to, with all its names; returns what was removed. */
    public ImageRecord remove(String s) {
        ImageRecord[] removed = new ImageRecord[1];
        update(t -> {
            removed[0] = ImageResolver.resolve(t, s);
            return t.without(removed[0].target());
        });
        return removed[0];
    }

    /** The manifests and indexes every image points at: the roots for content garbage collection. */
    public Set<Digest> roots() {
        Set<Digest> out = new LinkedHashSet<>();
        load().images().forEach(r -> out.add(r.target()));
        return out;
    }

    private static List<Reference> normalise(Digest target, List<Reference> names) {
        List<Reference> out = new ArrayList<>();
        for (Reference r : names) {
            if (r.digest() != null) {
                if (!r.digest().equals(target)) {
                    throw new ImageStoreException("name " + r.familiar() + " does not match the image's digest "
                            + target);
                }
                out.add(r.repository().withDigest(r.digest()));
                if (r.tag() != null) {
                    out.add(r.repository().withTag(r.tag()));
                }
            } else {
                out.add(r.withDefaultTag());
            }
        }
        return out.stream().distinct().toList();
    }

    private ImageTable load() {
        try {
            return ImageTableCodec.read(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            return ImageTable.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Read, change, replace, all under the store's lock; returns the new table. */
    private ImageTable update(UnaryOperator<ImageTable> change) {
        try (LockFile.Held l = LockFile.exclusive(lock)) {
            ImageTable after = change.apply(load());
            AtomicFiles.write(file, ImageTableCodec.write(after));
            return after;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

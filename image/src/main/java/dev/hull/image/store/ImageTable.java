package dev.hull.image.store;

import dev.hull.image.oci.Digest;
import dev.hull.image.ref.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contents of the image store as an immutable value: every change returns a new
 * table. Invariants: one record per target, and a name is on at most one record
 * (tagging moves it, as {@code docker tag} does).
 */
record ImageTable(List<ImageRecord> images) {

    static final ImageTable EMPTY = new ImageTable(List.of());

    ImageTable {
        images = List.copyOf(images);
    }

    Optional<ImageRecord> byTarget(Digest target) {
        return images.stream().filter(r -> r.target().equals(target)).findFirst();
    }

    Optional<ImageRecord> byName(Reference name) {
        return images.stream().filter(r -> r.names().contains(name)).findFirst();
    }

    /** Adds the record, or merges its names into the existing record of the same target. */
    ImageTable put(ImageRecord rec) {
        ImageTable t = this;
        for (Reference n : rec.names()) {
            t = t.withoutName(n);
        }
        List<ImageRecord> out = new ArrayList<>(t.images);
        for (int i = 0; i < out.size(); i++) {
            ImageRecord old = out.get(i);
            if (old.target().equals(rec.target())) {
                List<Reference> names = new ArrayList<>(old.names());
                rec.names().stream().filter(n -> !names.contains(n)).forEach(names::add);
                out.set(i, new ImageRecord(old.target(), old.mediaType(), old.size(), rec.id(), old.created(), names));
                return new ImageTable(out);
            }
        }
        out.add(rec);
        return new ImageTable(out);
    }

    /** Points {@code name} at the record of {@code target}, taking it from any other record. */
    ImageTable tag(Digest target, Reference name) {
        ImageTable t = withoutName(name);
        List<ImageRecord> out = new ArrayList<>(t.images);
        for (int i = 0; i < out.size(); i++) {
            ImageRecord r = out.get(i);
            if (r.target().equals(target)) {
                List<Reference> names = new ArrayList<>(r.names());
                names.add(name);
                out.set(i, r.withNames(names));
                return new ImageTable(out);
            }
        }
        throw new IllegalArgumentException("no image " + target);
    }

    /** Removes a name from whichever record holds it; the record stays, maybe dangling. */
    ImageTable withoutName(Reference name) {
        List<ImageRecord> out = new ArrayList<>(images.size());
        for (ImageRecord r : images) {
            if (r.names().contains(name)) {
                out.add(r.withNames(r.names().stream().filter(n -> !n.equals(name)).toList()));
            } else {
                out.add(r);
            }
        }
        return new ImageTable(out);
    }

    ImageTable without(Digest target) {
        return new ImageTable(images.stream().filter(r -> !r.target().equals(target)).toList());
    }
}

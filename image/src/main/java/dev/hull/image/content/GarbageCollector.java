package dev.hull.image.content;

import dev.hull.image.fs.LockFile;
import dev.hull.image.oci.Descriptor;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.ImageFormatException;
import dev.hull.image.oci.ImageIndex;
import dev.hull.image.oci.ImageManifest;
import dev.hull.image.oci.Manifest;
import dev.hull.image.oci.Manifests;
import dev.hull.image.oci.MediaTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep over the content store. Marks everything reachable from the roots
 * (the manifests and indexes the image store names) through index entries, configs,
 * layers and subjects, then deletes every other blob and every temporary file.
 *
 * <p>It holds the store's gc lock exclusively, so no ingest or lease (in any process)
 * runs meanwhile: every temporary file is then stale, and no writer can be between
 * "already present" and naming what it found. A manifest that is reachable but cannot
 * be read stops the collection before anything is deleted, since its children
 * cannot be known.
 */
final class GarbageCollector {

    /** Media type of the placeholder descriptors made for roots; no real blob has it. */
    private static final String ROOT = "hull/gc-root";

    private final FileContentStore store;
    private final ContentLayout layout;

    GarbageCollector(FileContentStore store, ContentLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    GcResult collect(Set<Digest> roots, Duration patience) {
        try (LockFile.Held gc = LockFile.tryExclusive(layout.gcLock(), patience).orElseThrow(() ->
                new ContentException("content store " + layout.root() + " is busy (a pull, push or lease is active);"
                        + " garbage collection did not run, try again later"))) {
            Set<Digest> live = mark(roots);
            List<Digest> removed = new ArrayList<>();
            long freed = 0;
            for (Digest d : store.list()) {
                if (!live.contains(d)) {
                    Path p = layout.blob(d);
                    long size = sizeOr0(p);
                    if (deleteFile(p)) {
                        removed.add(d);
                        freed += size;
                    }
                }
            }
            return new GcResult(removed, freed, sweepIngestDir());
        }
    }

    /** The digests reachable from the roots, present or not. */
    Set<Digest> mark(Set<Digest> roots) {
        Set<Digest> seen = new HashSet<>();
        Deque<Descriptor> todo = new ArrayDeque<>();
        for (Digest r : roots) {
            // roots carry no media type: read them to find out whether they have children
            todo.add(new Descriptor(ROOT, r, 0));
        }
        while (!todo.isEmpty()) {
            Descriptor d = todo.poll();
            if (!seen.add(d.digest()) || !store.exists(d.digest())) {
                continue;
            }
            boolean root = d.mediaType().equals(ROOT);
            boolean manifestType = MediaTypes.isManifest(d.mediaType()) || MediaTypes.isIndex(d.mediaType());
            if (!root && !manifestType) {
                continue;
            }
            Manifest m = readManifest(d.digest(), root);
            if (m instanceof ImageManifest im) {
                todo.add(im.config());
                todo.addAll(im.layers());
                addSubject(todo, im.subject());
            } else if (m instanceof ImageIndex ix) {
                todo.addAll(ix.manifests());
                addSubject(todo, ix.subject());
            }
        }
        return seen;
    }

    private static void addSubject(Deque<Descriptor> todo, Descriptor subject) {
        if (subject != null) {
            todo.add(subject);
        }
    }

    /** The manifest stored under {@code d}; null for a root that is not a manifest. */
    private Manifest readManifest(Digest d, boolean root) {
        long size = store.size(d);
        if (root && (size > Manifests.MAX_SIZE || !startsLikeJson(d))) {
            return null;
        }
        try {
            return Manifests.parse(store.read(d, Manifests.MAX_SIZE));
        } catch (ImageFormatException e) {
            if (root) {
                return null;
            }
            throw new ContentException("garbage collection stopped, nothing was deleted: " + e.getMessage(), e);
        }
    }

    private boolean startsLikeJson(Digest d) {
        try (var in = store.open(d)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{';
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + d + ": " + e.getMessage(), e);
        }
    }

    /** Removes temporary files and per-digest lock files; all are unused while the gc lock is held. */
    private int sweepIngestDir() {
        int tmps = 0;
        Path gcLock = layout.gcLock();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.ingestDir())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(ContentLayout.TMP_SUFFIX)) {
                    if (deleteFile(p)) {
                        tmps++;
                    }
                } else if (n.endsWith(ContentLayout.LOCK_SUFFIX) && !p.equals(gcLock)) {
                    deleteFile(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + layout.ingestDir() + ": " + e.getMessage(), e);
        }
        return tmps;
    }

    private static long sizeOr0(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean deleteFile(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}

package dev.hull.image.layer;

import dev.hull.image.fs.AtomicFiles;
import dev.hull.image.fs.LockFile;
import dev.hull.image.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Unpacked layers on disk, keyed by chain ID, each unpacked once and shared by every image
 * that has it (with the same layers below).
 *
 * <p>Layout under the root:
 * <pre>
 * layers/sha256/HEX/diff/        the layer's files (overlayfs lower dir)
 * layers/sha256/HEX/layer.json   diff ID, blob digest, sizes; written last, marks it complete
 * layers/locks/HEX.lock          held while the layer is unpacked or removed
 * layers/gc.lock                 shared by unpacks, exclusive for removal
 * </pre>
 *
 * <p>Two threads or processes asking for the same layer queue on its lock file; the second
 * finds {@code layer.json} and returns at once. A directory without {@code layer.json} is
 * what a crash left behind and is removed before unpacking again.
 */
public final class LayerStore {

    /** Opens a layer's blob; only called when the layer is not unpacked yet. */
    @FunctionalInterface
    public interface BlobSource {
        InputStream open() throws IOException;
    }

    private final Path layers;
    private final LayerUnpacker unpacker;

    public LayerStore(Path root) {
        this(root, new LayerUnpacker());
    }

    public LayerStore(Path root, LayerUnpacker unpacker) {
        this.layers = root.resolve("layers");
        this.unpacker = unpacker;
    }

    /**
     * Returns the layer with diff ID {@code diffId} on top of {@code parent}, unpacking it from
     * {@code blob} first if the store does not have it.
     *
     * @param parent             chain ID of the layer below (which must be in the store), or null
     * @param expectedBlobDigest the blob's digest from the manifest, checked when not null
     * @throws LayerUnpackException when the layer is unsafe, or its digests are not the expected ones
     */
    public Layer unpack(Digest parent, Digest diffId, Digest expectedBlobDigest, BlobSource blob) throws IOException {
        Digest chain = ChainIds.next(parent, diffId);
        Files.createDirectories(layers.resolve("locks"));
        try (LockFile.Held gc = LockFile.shared(layers.resolve("gc.lock"));
             LockFile.Held lock = LockFile.exclusive(lockFile(chain))) {
            if (parent != null && get(parent).isEmpty()) {
                throw new IllegalStateException("parent layer " + parent + " of " + chain + " is not unpacked");
            }
            Optional<Layer> present = get(chain);
            if (present.isPresent()) {
                return present.get();
            }
            Path dir = dir(chain);
            Trees.deleteRecursively(dir);
            Files.createDirectories(dir);
            boolean ok = false;
            try {
                UnpackResult r;
                try (InputStream in = blob.open()) {
                    r = unpacker.unpack(in, dir.resolve("diff"));
                }
                if (!r.diffId().equals(diffId)) {
                    throw new LayerUnpackException(null, "layer " + r.blobDigest() + " has diff ID " + r.diffId()
                            + ", but the image expects " + diffId);
                }
                if (expectedBlobDigest != null && !r.blobDigest().equals(expectedBlobDigest)) {
                    throw new LayerUnpackException(null, "layer blob has digest " + r.blobDigest()
                            + ", but the manifest expects " + expectedBlobDigest);
                }
                AtomicFiles.write(dir.resolve("layer.json"), LayerMetadata.of(chain, parent, r).toJson());
                ok = true;
                return new Layer(chain, parent, diffId, r.blobDigest(), r.blobSize(), r.unpackedBytes(),
                        dir.resolve("diff"));
            } finally {
                if (!ok) {
                    Trees.deleteRecursively(dir);
                }
            }
        }
    }

    /** The layer with this chain ID, if it is completely unpacked. */
    public Optional<Layer> get(Digest chainId) throws IOException {
        Path meta = dir(chainId).resolve("layer.json");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        return Optional.of(LayerMetadata.read(meta).toLayer(dir(chainId).resolve("diff")));
    }

    /** The chain IDs of all complete layers. */
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        Path base = layers.resolve("sha256");
        if (!Files.isDirectory(base)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                String hex = p.getFileName().toString();
                if (Digest.isValid("sha256:" + hex) && Files.exists(p.resolve("layer.json"))) {
                    out.add(Digest.parse("sha256:" + hex));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The diff directories of an image's layers, topmost first, as overlayfs's
     * {@code lowerdir=} option lists them.
     *
     * @param diffIds the image's diff IDs, bottom first, as in its config's {@code rootfs.diff_ids}
     * @throws IllegalStateException when one of the layers is not in the store
     */
    public List<Path> lowerDirs(List<Digest> diffIds) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Digest chain : ChainIds.of(diffIds)) {
            Layer l = get(chain).orElseThrow(() -> new IllegalStateException("layer " + chain + " is not unpacked"));
            out.add(l.diff());
        }
        return out.reversed();
    }

    /** {@link #lowerDirs} joined with ':' for the overlayfs {@code lowerdir=} mount option. */
    public String lowerDirOption(List<Digest> diffIds) throws IOException {
        return String.join(":", lowerDirs(diffIds).stream().map(Path::toString).toList());
    }

    /**
     * Removes every layer, complete or left over, whose chain ID is not in {@code referenced}
     * (the chain IDs of all images that are kept, e.g. from {@link #referencedBy}). Waits for
     * unpacks in progress to finish first. The caller makes sure no container still mounts them.
     *
     * @return the chain IDs removed
     */
    public List<Digest> removeUnreferenced(Set<Digest> referenced) throws IOException {
        List<Digest> removed = new ArrayList<>();
        Path base = layers.resolve("sha256");
        if (!Files.isDirectory(base)) {
            return removed;
        }
        Files.createDirectories(layers.resolve("locks"));
        try (LockFile.Held gc = LockFile.exclusive(layers.resolve("gc.lock"))) {
            List<Path> dirs = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
                ds.forEach(dirs::add);
            }
            for (Path p : dirs) {
                String hex = p.getFileName().toString();
                if (!Digest.isValid("sha256:" + hex)) {
                    continue;
                }
                Digest chain = Digest.parse("sha256:" + hex);
                if (referenced.contains(chain)) {
                    continue;
                }
                try (LockFile.Held lock = LockFile.exclusive(lockFile(chain))) {
                    // Unmark first: a crash halfway leaves an incomplete layer, never a damaged "complete" one.
                    Files.deleteIfExists(p.resolve("layer.json"));
                    Trees.deleteRecursively(p);
                }
                removed.add(chain);
            }
        }
        return removed;
    }

    /** All chain IDs the given images need, each image given by its diff IDs (bottom first). */
    public static Set<Digest> referencedBy(Collection<List<Digest>> images) {
        Set<Digest> out = new java.util.HashSet<>();
        images.forEach(diffIds -> out.addAll(ChainIds.of(diffIds)));
        return out;
    }

    private Path dir(Digest chain) {
        return layers.resolve(chain.algorithm().id()).resolve(chain.hex());
    }

    private Path lockFile(Digest chain) {
        return layers.resolve("locks").resolve(chain.hex() + ".lock");
    }
}

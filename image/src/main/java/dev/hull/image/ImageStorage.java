package dev.hull.image;

import dev.hull.image.content.FileContentStore;
import dev.hull.image.layer.LayerStore;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.ImageConfig;
import dev.hull.image.store.ImageRecord;
import dev.hull.image.store.ImageStore;

import java.nio.file.Path;

/**
 * The three stores of an image root, opened together: blobs ({@code ROOT/content}),
 * unpacked layers ({@code ROOT/layers}) and names ({@code ROOT/images}).
 */
public record ImageStorage(FileContentStore content, LayerStore layers, ImageStore images) {

    /** Configs are small; a bigger one is not an image config. */
    private static final int MAX_CONFIG = 8 << 20;

    public static ImageStorage open(Path root) {
        return new ImageStorage(new FileContentStore(root.resolve("content")), new LayerStore(root.resolve("layers")),
                new ImageStore(root.resolve("images")));
    }

    /** The config (the image ID's document) of an image. */
    public ImageConfig config(ImageRecord image) {
        return config(image.id());
    }

    public ImageConfig config(Digest imageId) {
        return ImageConfig.parse(content.read(imageId, MAX_CONFIG));
    }

    /**
     * Removes the image {@code s} names (all its names), then the blobs and unpacked
     * layers no remaining image uses. Returns the removed record.
     */
    public ImageRecord remove(String s) throws java.io.IOException {
        ImageRecord removed = images.remove(s);
        content.gc(images.roots());
        java.util.List<java.util.List<Digest>> kept = new java.util.ArrayList<>();
        for (ImageRecord r : images.list()) {
            kept.add(config(r).diffIds());
        }
        layers.removeUnreferenced(LayerStore.referencedBy(kept));
        return removed;
    }

    /** Bytes of the image's unpacked layers, as `images` shows its size. */
    public long size(ImageRecord r) throws java.io.IOException {
        long total = 0;
        for (Digest chain : dev.hull.image.layer.ChainIds.of(config(r).diffIds())) {
            total += layers.get(chain).map(l -> l.size()).orElse(0L);
        }
        return total;
    }
}

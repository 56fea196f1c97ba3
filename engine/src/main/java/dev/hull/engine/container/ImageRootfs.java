package dev.hull.engine.container;

import dev.hull.image.ImageStorage;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.image.oci.Digest;
import dev.hull.sys.Libc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's root filesystem from its image: an overlayfs mount of the image's
 * unpacked layers (lower, read-only, shared with every container of the image) and
 * the container's own upper and work directories under {@code ROOT/containers/ID/}.
 * The mount is made in the host's mount namespace, so it outlives the command that
 * made it, and is unmounted when the container stops.
 */
public final class ImageRootfs implements RootfsSource {

    private static final int MNT_DETACH = 2;

    private final ImageStorage images;
    private final EngineLayout layout;

    public ImageRootfs(ImageStorage images, EngineLayout layout) {
        this.images = images;
        this.layout = layout;
    }

    @Override
    public Path prepare(String id, ContainerDoc doc) {
        Path dir = layout.containerDir(id);
        Path merged = dir.resolve("merged");
        try {
            Files.createDirectories(dir.resolve("upper"));
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(merged);
            if (isMounted(merged)) {
                return merged;
            }
            List<Digest> diffIds = images.config(Digest.parse(doc.imageId())).diffIds();
            String lower = images.layers().lowerDirOption(diffIds);
            // index=off: upper dirs are never moved to another lower stack (docker's overlay2 does the same)
            Libc.mount("overlay", merged.toString(), "overlay", 0, "lowerdir=" + lower + ",upperdir="
                    + dir.resolve("upper") + ",workdir=" + dir.resolve("work") + ",index=off");
            return merged;
        } catch (IOException e) {
            throw new UncheckedIOException("mount the root filesystem of " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EngineException("mount the root filesystem of " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release(String id) {
        Path merged = layout.containerDir(id).resolve("merged");
        if (isMounted(merged)) {
            Libc.umount2(merged.toString(), MNT_DETACH);
        }
    }

    @Override
    public void remove(String id) {
        release(id);
        try {
            for (String d : List.of("merged", "upper", "work")) {
                Cleanup.deleteTree(layout.containerDir(id).resolve(d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ContainerConfig imageConfig(ContainerDoc doc) {
        return images.config(Digest.parse(doc.imageId())).config();
    }

    /** Whether {@code p} is a mount point, by /proc/self/mountinfo (a stat would not tell a bind of itself). */
    static boolean isMounted(Path p) {
        try {
            String target = p.toAbsolutePath().normalize().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].replace("\\040", " ").equals(target)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.hull.engine.container;

import dev.hull.image.oci.ContainerConfig;

import java.nio.file.Path;

/**
 * Where a container's root filesystem comes from: its image's layers (an overlay
 * mount with its own writable layer) or a plain directory (--rootfs).
 */
public interface RootfsSource {

    /** Makes (or mounts again, after a reboot) the container's root filesystem; returns its path. */
    Path prepare(String containerId, ContainerDoc doc);

    /** Unmounts what {@link #prepare} mounted; the container's files stay. Idempotent. */
    void release(String containerId);

    /** Removes the container's root filesystem and its writable layer. Idempotent. */
    void remove(String containerId);

    /** The image's run defaults (Entrypoint, Cmd, Env, WorkingDir, User); none for a directory. */
    default ContainerConfig imageConfig(ContainerDoc doc) {
        return ContainerConfig.EMPTY;
    }

    /** --rootfs DIR: the directory as it is, shared with nobody else's writes. */
    RootfsSource DIRECTORY = new RootfsSource() {
        @Override
        public Path prepare(String containerId, ContainerDoc doc) {
            return Path.of(doc.rootfsDir());
        }

        @Override
        public void release(String containerId) {
            // nothing was mounted
        }

        @Override
        public void remove(String containerId) {
            // the directory is the user's
        }
    };
}

package dev.hull.engine.db;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One container as the metadata database holds it.
 *
 * @param id         64 lower-case hex digits
 * @param name       without docker's leading slash
 * @param imageRef   the image as the user named it, normalised (docker.io/library/busybox:latest)
 * @param imageId    the image ID (sha256:...) the container was made from
 * @param configJson the full container configuration, a JSON object
 * @param labels     the container's labels (also inside the config; kept apart so filters can use them)
 * @param stateDir   the runtime's state directory for the container
 * @param rootfs     the container's root filesystem (the mounted snapshot)
 * @param mountsJson the storage and volume mounts made for it, a JSON array
 */
public record ContainerRow(String id, String name, String imageRef, String imageId, Instant created,
                           String configJson, Map<String, String> labels, String stateDir, String rootfs,
                           String mountsJson, ContainerStatus status) {

    public ContainerRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ContainerState state() {
        return status.state();
    }

    /** docker's 12-digit short ID. */
    public String shortId() {
        return id.substring(0, 12);
    }
}

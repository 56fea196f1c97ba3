package dev.hull.engine.db;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link Containers#create} needs. The ID and paths are chosen by the caller
 * before the row exists (the state directory and rootfs are named after the ID); a
 * null name asks for a generated one.
 */
public record NewContainer(String id, String name, String imageRef, String imageId, String configJson,
                           Map<String, String> labels, String stateDir, String rootfs, String mountsJson) {

    public NewContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(imageRef, "imageRef");
        Objects.requireNonNull(imageId, "imageId");
        configJson = configJson == null ? "{}" : configJson;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stateDir = stateDir == null ? "" : stateDir;
        rootfs = rootfs == null ? "" : rootfs;
        mountsJson = mountsJson == null ? "[]" : mountsJson;
    }

    /** A container with a fresh random ID and no paths yet; for callers and tests that need nothing else. */
    public static NewContainer of(String name, String imageRef, String imageId) {
        return new NewContainer(ContainerIds.random(), name, imageRef, imageId, "{}", Map.of(), null, null, null);
    }

    public NewContainer withLabels(Map<String, String> newLabels) {
        return new NewContainer(id, name, imageRef, imageId, configJson, newLabels, stateDir, rootfs, mountsJson);
    }

    public NewContainer withConfig(String json) {
        return new NewContainer(id, name, imageRef, imageId, json, labels, stateDir, rootfs, mountsJson);
    }
}

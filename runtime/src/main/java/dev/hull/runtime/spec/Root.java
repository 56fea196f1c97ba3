package dev.hull.runtime.spec;

import java.nio.file.Path;

/** {@code root}: the container's root filesystem, absolute or relative to the bundle. */
public record Root(String path, boolean readonly) {

    /** The root filesystem's path on the host: path resolved against the bundle. */
    public Path resolve(Path bundle) {
        return bundle.resolve(path).normalize();
    }
}

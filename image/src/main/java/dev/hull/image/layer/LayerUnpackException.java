package dev.hull.image.layer;

import java.io.IOException;

/**
 * A layer that cannot be unpacked: an entry that would write outside the target, breaks a
 * limit, or fails on the file system. The message names the entry, e.g.
 * {@code layer entry "../etc/passwd": ".." is not allowed in a layer path}.
 */
public class LayerUnpackException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String entry;

    public LayerUnpackException(String entry, String reason) {
        super(entry == null ? reason : "layer entry \"" + entry + "\": " + reason);
        this.entry = entry;
    }

    public LayerUnpackException(String entry, String reason, Throwable cause) {
        this(entry, reason);
        initCause(cause);
    }

    /** The tar entry name as it was in the layer, or null when the failure is not about one entry. */
    public String entry() {
        return entry;
    }
}

package dev.hull.image.layer;

/**
 * The OCI whiteout names and what overlayfs wants instead of them.
 *
 * <p>A layer tar deletes {@code name} from the layers below with an empty file
 * {@code .wh.name}, and hides everything below a directory with {@code .wh..wh..opq} in
 * it. overlayfs spells the first as a character device 0/0 called {@code name}, and the
 * second as the extended attribute {@code trusted.overlay.opaque=y} on the directory.
 */
final class Whiteouts {
    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    /** Other {@code .wh..wh.} names are aufs bookkeeping (e.g. hard-link directories), not content. */
    static final String META_PREFIX = ".wh..wh.";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private Whiteouts() {
    }

    static boolean isWhiteout(String name) {
        return name.startsWith(PREFIX);
    }
}

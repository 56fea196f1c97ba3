package dev.hull.image.oci;

/**
 * A manifest, index or config that hull cannot accept. The message is one line
 * that names the document and the field, e.g.
 * {@code manifest: layers[1].size: expected a non-negative integer}.
 */
public final class ImageFormatException extends RuntimeException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

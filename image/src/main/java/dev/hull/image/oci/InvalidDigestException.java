package dev.hull.image.oci;

/** A digest string that is not canonical {@code algorithm:hex}. */
public final class InvalidDigestException extends IllegalArgumentException {
    public InvalidDigestException(String message) {
        super(message);
    }
}

package dev.hull.image.ref;

/** An image reference that cannot be parsed; the message is docker's where docker has one. */
public final class InvalidReferenceException extends IllegalArgumentException {
    public InvalidReferenceException(String message) {
        super(message);
    }
}

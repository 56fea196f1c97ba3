package dev.hull.engine.db;

/** The request itself is wrong: an invalid name, an ambiguous ID prefix, an unknown filter. */
public final class InvalidArgumentException extends MetadataException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}

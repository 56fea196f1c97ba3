package dev.hull.engine.db;

/**
 * The change contradicts what the database holds now: a name in use, or a container
 * that another command has already moved to a different state.
 */
public final class ConflictException extends MetadataException {
    public ConflictException(String message) {
        super(message);
    }
}

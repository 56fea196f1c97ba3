package dev.hull.engine.db;

/**
 * The metadata database failed or refused a change. Subclasses say why in terms a
 * caller can map to the Docker API's error classes (not found, conflict, invalid
 * parameter); this class itself means the database could not do its job.
 */
public class MetadataException extends RuntimeException {
    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.hull.image.content;

/**
 * Data that was not the blob it claimed to be (wrong digest or size). Nothing is
 * stored when this is thrown; a caller fetching from a registry may retry.
 */
public final class BlobMismatchException extends ContentException {
    public BlobMismatchException(String message) {
        super(message);
    }
}

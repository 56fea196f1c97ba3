package dev.hull.image.content;

/** A content store operation that failed; the message is one line naming the blob. */
public class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}

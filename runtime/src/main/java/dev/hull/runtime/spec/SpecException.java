package dev.hull.runtime.spec;

/**
 * A configuration that cannot be used: the message is one line naming the file and
 * the field, e.g. {@code config.json: process.args must not be empty}.
 */
public class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.hull.runtime;

/**
 * A runtime operation failed. The message is one line a person can act on: what
 * failed, on which object, and why.
 */
public class ContainerException extends RuntimeException {

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}

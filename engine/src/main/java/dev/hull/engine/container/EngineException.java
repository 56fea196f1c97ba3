package dev.hull.engine.container;

/** An engine operation failed; the message is the one line the user sees. */
public class EngineException extends RuntimeException {

    private final int exitCode;

    public EngineException(String message) {
        this(message, 125);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 125;
    }

    /** @param exitCode what docker exits with for this error: 125, or 126/127 when the command cannot run */
    public EngineException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

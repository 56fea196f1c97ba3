package dev.hull.engine.spec;

/** A flag value docker would refuse: the message is the one line the user sees (exit 125). */
public final class FlagException extends IllegalArgumentException {

    public FlagException(String message) {
        super(message);
    }
}

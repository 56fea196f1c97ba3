package dev.hull.engine.db;

/** No object has that name, ID or ID prefix; the message is docker's ("No such container: x"). */
public final class NotFoundException extends MetadataException {
    public NotFoundException(String kind, String what) {
        super("No such " + kind + ": " + what);
    }
}

package dev.hull.runtime.state;

/** The runtime-spec statuses, plus paused as runc reports it. */
public enum Status {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    /** The lower-case word used in state JSON and tables. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

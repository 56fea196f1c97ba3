package dev.hull.engine.db;

import java.time.Instant;
import java.util.List;

/**
 * The events log behind {@code hull events}. An event appended inside the same
 * {@link MetadataStore#transaction} as the change it reports is stored if and only if
 * the change is.
 */
public interface Events {

    /** Stores the event; returns it with its sequence number. */
    EventRow append(EventRow event);

    /** Matching events in the order they were appended, at most {@code limit}. */
    List<EventRow> list(EventFilter filter, int limit);

    /** The sequence number of the newest event, 0 if the log is empty. */
    long lastSeq();

    /** Drops events older than {@code cutoff}; returns how many. */
    int pruneBefore(Instant cutoff);
}

package dev.hull.engine.db;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the events log, in the shape of docker's events.
 *
 * @param seq        position in the log (0 for an event not yet stored); a follower of
 *                   {@code hull events} resumes after the last seq it saw
 * @param type       container, image, volume, network, daemon
 * @param action     create, start, die, destroy, rename, ...
 * @param actorId    the object's ID (or a volume's name)
 * @param attributes the actor's attributes (name, image, exitCode, labels, ...)
 */
public record EventRow(long seq, Instant time, String type, String action, String actorId,
                       Map<String, String> attributes) {

    public EventRow {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An event to append; the log assigns its seq. */
    public static EventRow of(Instant time, String type, String action, String actorId,
                              Map<String, String> attributes) {
        return new EventRow(0, time, type, action, actorId, attributes);
    }
}

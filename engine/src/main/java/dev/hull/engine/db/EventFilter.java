package dev.hull.engine.db;

import java.time.Instant;
import java.util.Set;

/**
 * Which events to read: after a sequence number, within a time window, of some types,
 * actions or actors. Empty sets and null instants mean "no condition".
 */
public record EventFilter(long afterSeq, Instant since, Instant until, Set<String> types, Set<String> actions,
                          Set<String> actorIds) {

    public EventFilter {
        types = Set.copyOf(types);
        actions = Set.copyOf(actions);
        actorIds = Set.copyOf(actorIds);
    }

    public static EventFilter all() {
        return new EventFilter(0, null, null, Set.of(), Set.of(), Set.of());
    }

    public EventFilter afterSeq(long seq) {
        return new EventFilter(seq, since, until, types, actions, actorIds);
    }

    public EventFilter between(Instant from, Instant to) {
        return new EventFilter(afterSeq, from, to, types, actions, actorIds);
    }

    public EventFilter ofTypes(String... t) {
        return new EventFilter(afterSeq, since, until, Set.of(t), actions, actorIds);
    }

    public EventFilter ofActions(String... a) {
        return new EventFilter(afterSeq, since, until, types, Set.of(a), actorIds);
    }

    public EventFilter ofActors(String... ids) {
        return new EventFilter(afterSeq, since, until, types, actions, Set.of(ids));
    }
}

package dev.hull.engine.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventsTest extends StoreTest {

    private EventRow append(String type, String action, String actor) {
        clock.advance(Duration.ofSeconds(1));
        return store.events().append(EventRow.of(clock.instant(), type, action, actor, Map.of("name", actor)));
    }

    @Test
    void appendedEventsComeBackInOrderWithTheirAttributes() {
        EventRow a = append("container", "create", "c1");
        EventRow b = append("container", "start", "c1");
        assertThat(b.seq()).isGreaterThan(a.seq());
        assertThat(store.events().list(EventFilter.all(), 10)).containsExactly(a, b);
        assertThat(store.events().lastSeq()).isEqualTo(b.seq());
    }

    @Test
    void followerResumesAfterTheLastSeqItSaw() {
        EventRow a = append("container", "create", "c1");
        EventRow b = append("container", "start", "c1");
        EventRow c = append("container", "die", "c1");
        assertThat(store.events().list(EventFilter.all().afterSeq(a.seq()), 10)).containsExactly(b, c);
        assertThat(store.events().list(EventFilter.all().afterSeq(a.seq()), 1)).containsExactly(b);
    }

    @Test
    void filtersByTimeTypeActionAndActor() {
        Instant t0 = clock.instant();
        EventRow create = append("container", "create", "c1");
        EventRow vol = append("volume", "create", "v1");
        EventRow start = append("container", "start", "c2");
        assertThat(store.events().list(EventFilter.all().ofTypes("volume"), 10)).containsExactly(vol);
        assertThat(store.events().list(EventFilter.all().ofActions("create"), 10)).containsExactly(create, vol);
        assertThat(store.events().list(EventFilter.all().ofActors("c2"), 10)).containsExactly(start);
        assertThat(store.events().list(EventFilter.all().between(t0.plusSeconds(2), t0.plusSeconds(3)), 10))
                .containsExactly(vol, start);
    }

    @Test
    void pruningDropsOldEventsAndNeverReusesTheirNumbers() {
        append("container", "create", "c1");
        EventRow kept = append("container", "start", "c1");
        assertThat(store.events().pruneBefore(kept.time())).isEqualTo(1);
        assertThat(store.events().list(EventFilter.all(), 10)).containsExactly(kept);
        store.events().pruneBefore(kept.time().plusSeconds(1));
        // a follower that saw kept.seq must not miss the next event because its number was reused
        EventRow next = append("container", "die", "c1");
        assertThat(next.seq()).isGreaterThan(kept.seq());
    }
}

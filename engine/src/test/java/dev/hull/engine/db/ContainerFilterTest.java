package dev.hull.engine.db;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerFilterTest extends StoreTest {

    private static final String BUSYBOX = "docker.io/library/busybox:latest";
    private static final String ALPINE = "docker.io/library/alpine:3.20";
    private static final String BUSYBOX_ID = "sha256:" + "b".repeat(64);
    private static final String ALPINE_ID = "sha256:a1b2" + "0".repeat(60);

    private ContainerRow web;
    private ContainerRow db;
    private ContainerRow job;

    @BeforeEach
    void threeContainers() {
        web = add(Ids.of("1aa", '0'), "web", BUSYBOX, BUSYBOX_ID, Map.of("tier", "front", "team", "a"));
        db = add(Ids.of("2bb", '0'), "db", ALPINE, ALPINE_ID, Map.of("tier", "back"));
        job = add(Ids.of("3cc", '0'), "nightly-job", BUSYBOX, BUSYBOX_ID, Map.of());
        Containers c = store.containers();
        c.transition(web.id(), ContainerState.CREATING, StateChange.created());
        c.transition(web.id(), ContainerState.CREATED, StateChange.started(new ProcessIdentity(10, 1), clock.instant()));
        c.transition(db.id(), ContainerState.CREATING, StateChange.created());
        c.transition(job.id(), ContainerState.CREATING, StateChange.created());
        c.transition(job.id(), ContainerState.CREATED, StateChange.started(new ProcessIdentity(11, 1), clock.instant()));
        c.transition(job.id(), ContainerState.RUNNING, StateChange.exited(2, clock.instant()));
    }

    private ContainerRow add(String id, String name, String ref, String imageId, Map<String, String> labels) {
        clock.advance(Duration.ofSeconds(1));
        return store.containers().create(new NewContainer(id, name, ref, imageId, "{}", labels, null, null, null));
    }

    private List<String> names(Map<String, List<String>> filters) {
        return store.containers().list(ContainerFilter.parse(filters)).stream().map(ContainerRow::name).toList();
    }

    @Test
    void noFilterListsAllNewestFirst() {
        assertThat(names(Map.of())).containsExactly("nightly-job", "db", "web");
    }

    @Test
    void statusValuesAreAlternatives() {
        assertThat(names(Map.of("status", List.of("running")))).containsExactly("web");
        assertThat(names(Map.of("status", List.of("running", "exited")))).containsExactly("nightly-job", "web");
        assertThat(names(Map.of("status", List.of("paused")))).isEmpty();
    }

    @Test
    void labelTermsMustAllMatch() {
        assertThat(names(Map.of("label", List.of("tier")))).containsExactly("db", "web");
        assertThat(names(Map.of("label", List.of("tier=back")))).containsExactly("db");
        assertThat(names(Map.of("label", List.of("tier", "team=a")))).containsExactly("web");
        assertThat(names(Map.of("label", List.of("tier=front", "team=b")))).isEmpty();
    }

    @Test
    void ancestorMatchesReferenceImageIdOrIdPrefix() {
        assertThat(names(Map.of("ancestor", List.of(ALPINE)))).containsExactly("db");
        assertThat(names(Map.of("ancestor", List.of(BUSYBOX_ID)))).containsExactly("nightly-job", "web");
        assertThat(names(Map.of("ancestor", List.of("a1b2")))).containsExactly("db");
        assertThat(names(Map.of("ancestor", List.of("sha256:a1b2")))).containsExactly("db");
        assertThat(names(Map.of("ancestor", List.of("a1b2*")))).isEmpty();
    }

    @Test
    void nameAndIdAreRegularExpressionsAsInDocker() {
        assertThat(names(Map.of("name", List.of("job")))).containsExactly("nightly-job");
        assertThat(names(Map.of("name", List.of("^/d")))).containsExactly("db");
        assertThat(names(Map.of("name", List.of("^/w", "^/d")))).containsExactly("db", "web");
        assertThat(names(Map.of("id", List.of("^2bb")))).containsExactly("db");
    }

    @Test
    void exitedMatchesExitCodesOfExitedContainers() {
        assertThat(names(Map.of("exited", List.of("2")))).containsExactly("nightly-job");
        assertThat(names(Map.of("exited", List.of("0")))).isEmpty();
    }

    @Test
    void differentKeysMustAllMatch() {
        assertThat(names(Map.of("ancestor", List.of(BUSYBOX), "status", List.of("exited"))))
                .containsExactly("nightly-job");
        assertThat(names(Map.of("label", List.of("tier"), "status", List.of("created")))).containsExactly("db");
    }

    @Test
    void unknownKeysAndBadValuesAreInvalidInDockersWords() {
        assertThatThrownBy(() -> ContainerFilter.parse(Map.of("colour", List.of("red"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid filter 'colour'");
        assertThatThrownBy(() -> ContainerFilter.parse(Map.of("status", List.of("sleeping"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid filter 'status=sleeping'");
        assertThatThrownBy(() -> ContainerFilter.parse(Map.of("exited", List.of("x"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid filter 'exited=x'");
        assertThatThrownBy(() -> ContainerFilter.parse(Map.of("name", List.of("("))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("invalid filter 'name=('");
    }
}

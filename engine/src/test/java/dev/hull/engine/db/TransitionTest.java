package dev.hull.engine.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionTest extends StoreTest {

    @Test
    void lifecycleRecordsEachStepsFields() {
        Containers c = store.containers();
        ContainerRow row = create("web");
        assertThat(row.state()).isEqualTo(ContainerState.CREATING);
        assertThat(row.status().owner()).isEqualTo(ProcessIdentity.current());
        assertThat(row.created()).isEqualTo(clock.instant());

        c.transition(row.id(), ContainerState.CREATING, StateChange.created());
        clock.advance(Duration.ofSeconds(5));
        Instant started = clock.instant();
        ContainerRow running = c.transition(row.id(), ContainerState.CREATED,
                StateChange.started(new ProcessIdentity(4242, 99), started));
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.status().init()).isEqualTo(new ProcessIdentity(4242, 99));
        assertThat(running.status().startedAt()).isEqualTo(started);
        assertThat(running.status().exitCode()).isNull();

        ContainerRow paused = c.transition(row.id(), ContainerState.RUNNING, StateChange.paused());
        assertThat(paused.status().init()).isEqualTo(new ProcessIdentity(4242, 99));
        c.transition(row.id(), ContainerState.PAUSED, StateChange.unpaused());

        clock.advance(Duration.ofSeconds(5));
        ContainerRow exited = c.transition(row.id(), ContainerState.RUNNING, StateChange.exited(137, clock.instant()));
        assertThat(exited.status().exitCode()).isEqualTo(137);
        assertThat(exited.status().init()).isEqualTo(ProcessIdentity.NONE);
        assertThat(exited.status().startedAt()).isEqualTo(started);
        assertThat(exited.status().finishedAt()).isEqualTo(clock.instant());
        assertThat(exited.status().changedAt()).isEqualTo(clock.instant());

        ContainerRow again = c.transition(row.id(), ContainerState.EXITED,
                StateChange.restarted(new ProcessIdentity(5000, 7), clock.instant()));
        assertThat(again.status().restartCount()).isEqualTo(1);
        assertThat(again.status().exitCode()).isEqualTo(137);
    }

    @Test
    void movesOutsideTheStateMachineAreRefused() {
        ContainerRow row = create("web");
        assertThatThrownBy(() -> store.containers().transition(row.id(), ContainerState.EXITED, StateChange.paused()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a container cannot go from exited to paused");
        assertThat(ContainerState.CREATED.canMoveTo(ContainerState.PAUSED)).isFalse();
        assertThat(ContainerState.DEAD.next()).containsExactly(ContainerState.REMOVING);
    }

    @Test
    void moveFromAStateTheContainerIsNotInIsAConflict() {
        ContainerRow row = create("web");
        store.containers().transition(row.id(), ContainerState.CREATING, StateChange.created());
        assertThatThrownBy(() -> store.containers().transition(row.id(), ContainerState.CREATING,
                StateChange.created()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("container " + row.id() + " is created, not creating: another command changed it first");
        assertThatThrownBy(() -> store.containers().transition(Ids.of("f", 'f'), ContainerState.CREATED,
                StateChange.removing()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void ofTwoRacingThreadsExactlyOneMovesTheContainer() throws Exception {
        ContainerRow row = create("web");
        store.containers().transition(row.id(), ContainerState.CREATING, StateChange.created());
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> start = () -> {
            go.await();
            try {
                store.containers().transition(row.id(), ContainerState.CREATED,
                        StateChange.started(new ProcessIdentity(1, 1), clock.instant()));
                return true;
            } catch (ConflictException e) {
                return false;
            }
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = List.of(pool.submit(start), pool.submit(start), pool.submit(start),
                    pool.submit(start));
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void renameChecksTheNewName() {
        ContainerRow web = create("web");
        ContainerRow db = create("db");
        assertThat(store.containers().rename(web.id(), "/front").name()).isEqualTo("front");
        assertThat(store.containers().byName("web")).isEmpty();
        assertThatThrownBy(() -> store.containers().rename(web.id(), "db"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Error when allocating new name: Conflict. The container name \"/db\" is already in use"
                        + " by container \"" + db.id() + "\". You have to remove (or rename) that container to be able"
                        + " to reuse that name.");
        assertThatThrownBy(() -> store.containers().rename(web.id(), "front"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Renaming a container with the same name as its current name");
        assertThatThrownBy(() -> store.containers().rename(web.id(), "a"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> store.containers().rename(Ids.of("e", 'e'), "other"))
                .isInstanceOf(NotFoundException.class).hasMessage("No such container: " + Ids.of("e", 'e'));
        // the old name is free again
        assertThat(create("web").name()).isEqualTo("web");
    }

    @Test
    void deleteRemovesTheRowAndItsLabels() {
        ContainerRow row = store.containers().create(NewContainer.of("web", "r", "i").withLabels(Map.of("a", "b")));
        assertThat(row.labels()).containsEntry("a", "b");
        assertThat(store.containers().delete(row.id())).isTrue();
        assertThat(store.containers().delete(row.id())).isFalse();
        assertThat(store.containers().get(row.id())).isEmpty();
        ContainerRow reused = store.containers().create(new NewContainer(row.id(), "web", "r", "i", "{}", Map.of(),
                null, null, null));
        assertThat(reused.labels()).isEmpty();
    }

    @Test
    void configMustBeAJsonObject() {
        assertThatThrownBy(() -> store.containers().create(NewContainer.of("web", "r", "i").withConfig("[1]")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("container config must be a JSON object");
        assertThatThrownBy(() -> store.containers().create(NewContainer.of("web", "r", "i").withConfig("{")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("container config is not valid JSON");
        String config = "{\"Cmd\":[\"sh\"],\"Env\":[\"A=1\"]}";
        assertThat(store.containers().create(NewContainer.of("web", "r", "i").withConfig(config)).configJson())
                .isEqualTo(config);
    }

    @Test
    void failedTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> store.transaction(() -> {
            create("web");
            create("web");
        })).isInstanceOf(ConflictException.class);
        assertThat(store.containers().list(ContainerFilter.all())).isEmpty();
    }

    @Test
    void stateChangeAndItsEventCommitTogether() {
        ContainerRow row = create("web");
        store.transaction(() -> {
            store.containers().transition(row.id(), ContainerState.CREATING, StateChange.created());
            store.events().append(EventRow.of(clock.instant(), "container", "create", row.id(),
                    Map.of("name", "web")));
        });
        assertThat(store.containers().get(row.id()).orElseThrow().state()).isEqualTo(ContainerState.CREATED);
        assertThat(store.events().list(EventFilter.all(), 10)).extracting(EventRow::action).containsExactly("create");
    }
}

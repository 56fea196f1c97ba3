package dev.hull.engine.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class RepairTest extends StoreTest {

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private Process sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "600").start();
        children.add(p);
        return p;
    }

    /** The identity of a process that existed and has exited (and been reaped). */
    private ProcessIdentity deadProcess() throws Exception {
        Process p = sleeper();
        ProcessIdentity id = ProcessIdentity.of((int) p.pid());
        assertThat(id.isAlive()).isTrue();
        p.destroyForcibly();
        p.waitFor();
        assertThat(id.isAlive()).isFalse();
        return id;
    }

    private ContainerRow running(String name, ProcessIdentity init) {
        ContainerRow row = create(name);
        store.containers().transition(row.id(), ContainerState.CREATING, StateChange.created());
        return store.containers().transition(row.id(), ContainerState.CREATED, StateChange.started(init,
                clock.instant()));
    }

    /** A container left in {@code creating} by the process {@code owner}. */
    private ContainerRow creatingOwnedBy(String name, ProcessIdentity owner) {
        try (MetadataStore other = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock).withSelf(owner))) {
            return other.containers().create(NewContainer.of(name, "docker.io/library/busybox:latest", "sha256:00"));
        }
    }

    private ContainerState stateOf(ContainerRow row) {
        return store.containers().get(row.id()).map(ContainerRow::state).orElse(null);
    }

    @Test
    void runningContainerWhoseInitIsGoneHasExited() throws Exception {
        ContainerRow row = running("web", deadProcess());
        clock.advance(Duration.ofMinutes(1));

        RepairReport report = store.repair();

        ContainerRow after = store.containers().get(row.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ContainerState.EXITED);
        assertThat(after.status().exitCode()).isEqualTo(255);
        assertThat(after.status().finishedAt()).isEqualTo(clock.instant());
        assertThat(after.status().init()).isEqualTo(ProcessIdentity.NONE);
        assertThat(report.actions()).singleElement().satisfies(a -> {
            assertThat(a.containerId()).isEqualTo(row.id());
            assertThat(a.from()).isEqualTo(ContainerState.RUNNING);
            assertThat(a.to()).isEqualTo(ContainerState.EXITED);
        });
        assertThat(store.events().list(EventFilter.all().ofActors(row.id()), 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("die");
                    assertThat(e.attributes()).containsEntry("exitCode", "255").containsEntry("name", "web");
                });
    }

    @Test
    void pidReusedByAnotherProcessIsNotMistakenForTheInit() {
        // this JVM's pid, but with a start time other than its own: the pid was recycled
        ProcessIdentity me = ProcessIdentity.current();
        ContainerRow row = running("web", new ProcessIdentity(me.pid(), me.startTicks() + 1));
        store.repair();
        assertThat(stateOf(row)).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void containerWhoseInitLivesIsLeftAlone() throws Exception {
        Process p = sleeper();
        ContainerRow row = running("web", ProcessIdentity.of((int) p.pid()));
        ContainerRow pausedRow = running("db", ProcessIdentity.of((int) p.pid()));
        store.containers().transition(pausedRow.id(), ContainerState.RUNNING, StateChange.paused());

        assertThat(store.repair().isEmpty()).isTrue();
        assertThat(stateOf(row)).isEqualTo(ContainerState.RUNNING);
        assertThat(stateOf(pausedRow)).isEqualTo(ContainerState.PAUSED);
        assertThat(store.events().lastSeq()).isZero();
    }

    @Test
    void pausedContainerWhoseInitIsGoneHasExitedWithTheRecordedCode() throws Exception {
        ContainerRow row = running("web", deadProcess());
        store.containers().transition(row.id(), ContainerState.RUNNING, StateChange.paused());
        RepairHooks hooks = new RecordingHooks(OptionalInt.of(143), false);
        store.close();
        store = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock).withHooks(hooks));

        assertThat(store.lastRepair().actions()).hasSize(1);
        ContainerRow after = store.containers().get(row.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ContainerState.EXITED);
        assertThat(after.status().exitCode()).isEqualTo(143);
    }

    @Test
    void createAbandonedByADeadProcessIsReleasedAndRemoved() throws Exception {
        ContainerRow row = creatingOwnedBy("web", deadProcess());
        RecordingHooks hooks = new RecordingHooks(OptionalInt.empty(), false);
        store.close();
        store = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock).withHooks(hooks));

        assertThat(hooks.released).containsExactly(row.id());
        assertThat(store.containers().get(row.id())).isEmpty();
        assertThat(store.containers().byName("web")).isEmpty();
        assertThat(store.lastRepair().actions()).singleElement().satisfies(a -> {
            assertThat(a.from()).isEqualTo(ContainerState.CREATING);
            assertThat(a.to()).isNull();
        });
        assertThat(store.events().list(EventFilter.all().ofActors(row.id()), 10))
                .extracting(EventRow::action).containsExactly("destroy");
    }

    @Test
    void removalAbandonedByADeadProcessIsFinished() throws Exception {
        ProcessIdentity dead = deadProcess();
        ContainerRow row;
        try (MetadataStore other = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock).withSelf(dead))) {
            row = other.containers().create(NewContainer.of("web", "r", "i"));
            other.containers().transition(row.id(), ContainerState.CREATING, StateChange.created());
            other.containers().transition(row.id(), ContainerState.CREATED, StateChange.removing());
        }
        store.repair();
        assertThat(store.containers().get(row.id())).isEmpty();
    }

    @Test
    void transientStateOfALiveOwnerIsKeptUntilTheGracePeriodEnds() throws Exception {
        Process owner = sleeper();
        ContainerRow row = creatingOwnedBy("web", ProcessIdentity.of((int) owner.pid()));
        ContainerRow mine = create("db");

        clock.advance(Duration.ofMinutes(9));
        assertThat(store.repair().isEmpty()).isTrue();
        assertThat(stateOf(row)).isEqualTo(ContainerState.CREATING);

        clock.advance(Duration.ofMinutes(2));
        store.repair();
        assertThat(stateOf(row)).isNull();
        assertThat(stateOf(mine)).isNull();
    }

    @Test
    void leftoversThatCannotBeReleasedLeaveTheContainerDead() throws Exception {
        ContainerRow row = creatingOwnedBy("web", deadProcess());
        store.close();
        store = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock)
                .withHooks(new RecordingHooks(OptionalInt.empty(), true)));

        assertThat(stateOf(row)).isEqualTo(ContainerState.DEAD);
        assertThat(store.lastRepair().actions()).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("releasing it failed: rootfs is busy"));
        // dead is not transient: the next repair does not try again on its own; `rm` does
        assertThat(store.repair().isEmpty()).isTrue();
    }

    @Test
    void createdAndExitedContainersAreNotTouched() throws Exception {
        ContainerRow created = create("web");
        store.containers().transition(created.id(), ContainerState.CREATING, StateChange.created());
        ContainerRow exited = running("db", deadProcess());
        store.containers().transition(exited.id(), ContainerState.RUNNING, StateChange.exited(0, clock.instant()));
        clock.advance(Duration.ofDays(1));
        assertThat(store.repair().isEmpty()).isTrue();
        assertThat(stateOf(created)).isEqualTo(ContainerState.CREATED);
        assertThat(stateOf(exited)).isEqualTo(ContainerState.EXITED);
    }

    /** Hooks that report a fixed exit code and note (or refuse) each release. */
    private static final class RecordingHooks implements RepairHooks {
        final List<String> released = new ArrayList<>();
        private final OptionalInt exitCode;
        private final boolean fail;

        RecordingHooks(OptionalInt exitCode, boolean fail) {
            this.exitCode = exitCode;
            this.fail = fail;
        }

        @Override
        public OptionalInt recordedExitCode(ContainerRow row) {
            return exitCode;
        }

        @Override
        public void release(ContainerRow row) throws IOException {
            if (fail) {
                throw new IOException("rootfs is busy");
            }
            released.add(row.id());
        }
    }
}

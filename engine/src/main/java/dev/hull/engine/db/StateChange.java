package dev.hull.engine.db;

import java.time.Instant;
import java.util.Objects;

/**
 * A move to another state and the fields that move records. A null field keeps the
 * stored value, so each factory below names only what its event changes.
 */
public record StateChange(ContainerState to, ProcessIdentity init, Integer exitCode, Instant startedAt,
                          Instant finishedAt, boolean countRestart) {

    public StateChange {
        Objects.requireNonNull(to, "to");
    }

    /** The runtime container exists; the row is complete. */
    public static StateChange created() {
        return new StateChange(ContainerState.CREATED, null, null, null, null, false);
    }

    public static StateChange started(ProcessIdentity init, Instant at) {
        return new StateChange(ContainerState.RUNNING, init, null, at, null, false);
    }

    /** Started again by a restart policy or {@code docker restart}: counts towards RestartCount. */
    public static StateChange restarted(ProcessIdentity init, Instant at) {
        return new StateChange(ContainerState.RUNNING, init, null, at, null, true);
    }

    public static StateChange exited(int exitCode, Instant at) {
        return new StateChange(ContainerState.EXITED, ProcessIdentity.NONE, exitCode, null, at, false);
    }

    public static StateChange paused() {
        return new StateChange(ContainerState.PAUSED, null, null, null, null, false);
    }

    public static StateChange unpaused() {
        return new StateChange(ContainerState.RUNNING, null, null, null, null, false);
    }

    public static StateChange removing() {
        return new StateChange(ContainerState.REMOVING, null, null, null, null, false);
    }

    public static StateChange dead() {
        return new StateChange(ContainerState.DEAD, ProcessIdentity.NONE, null, null, null, false);
    }
}

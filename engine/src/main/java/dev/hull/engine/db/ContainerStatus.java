package dev.hull.engine.db;

import java.time.Instant;

/**
 * The changing half of a container row: its state and what the last state change
 * recorded.
 *
 * @param init         the container's init process (pid 0 when it has none)
 * @param exitCode     the last exit code, or null if it has never exited
 * @param startedAt    when it last started, or null
 * @param finishedAt   when it last exited, or null
 * @param changedAt    when the state last changed; transient states older than the
 *                     repair grace period are considered abandoned
 * @param owner        the hull process that made the last change; a transient state
 *                     whose owner is gone was abandoned by a crash
 */
public record ContainerStatus(ContainerState state, ProcessIdentity init, Integer exitCode, Instant startedAt,
                              Instant finishedAt, int restartCount, Instant changedAt, ProcessIdentity owner) {
}

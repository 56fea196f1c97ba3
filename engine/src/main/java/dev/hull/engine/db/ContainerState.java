package dev.hull.engine.db;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a container is in its life, as stored in the {@code state} column. The
 * allowed moves are listed here once, so that no command can, say, pause an exited
 * container because of a bug in its own checks.
 */
public enum ContainerState {
    /** The row exists but storage and the runtime container are still being made. Transient. */
    CREATING,
    CREATED,
    RUNNING,
    PAUSED,
    EXITED,
    /** Removal failed half-way; only removal can follow (docker's "dead"). */
    DEAD,
    /** Being removed. Transient: the row disappears when removal ends. */
    REMOVING;

    /** The lower-case word stored in the database and shown by docker. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerState ofWord(String word) {
        for (ContainerState s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new InvalidArgumentException("unknown container state '" + word + "'");
    }

    /** States that exist only while one command works on the container. */
    public boolean isTransient() {
        return this == CREATING || this == REMOVING;
    }

    /** States in which the container's init process must be alive. */
    public boolean hasProcess() {
        return this == RUNNING || this == PAUSED;
    }

    public Set<ContainerState> next() {
        return switch (this) {
            case CREATING -> EnumSet.of(CREATED, REMOVING);
            // created -> exited: the process failed to start and docker keeps the exit code
            case CREATED -> EnumSet.of(RUNNING, EXITED, REMOVING);
            // running -> running: a restart counted without stopping in between (restart policy)
            case RUNNING -> EnumSet.of(RUNNING, PAUSED, EXITED);
            case PAUSED -> EnumSet.of(RUNNING, EXITED);
            case EXITED -> EnumSet.of(RUNNING, REMOVING);
            case DEAD -> EnumSet.of(REMOVING);
            case REMOVING -> EnumSet.of(DEAD);
        };
    }

    public boolean canMoveTo(ContainerState to) {
        return next().contains(to);
    }
}

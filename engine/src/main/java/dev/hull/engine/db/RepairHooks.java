package dev.hull.engine.db;

import java.util.OptionalInt;

/**
 * What {@link Repair} cannot know from the database: how a container that died
 * unobserved actually exited, and how to undo the storage and runtime state of a
 * create or remove that a crash interrupted. The engine supplies these from its
 * runtime and storage layers.
 */
public interface RepairHooks {

    /** The exit status the container's monitor wrote down before it went away, if it did. */
    OptionalInt recordedExitCode(ContainerRow row);

    /**
     * Removes whatever the container still holds outside the database (runtime state,
     * cgroup, mounts, rootfs, directories); must succeed on a partly removed container.
     * A failure leaves the row in state dead, as docker does after a failed removal.
     */
    void release(ContainerRow row) throws Exception;

    /**
     * Repair of the database alone: no exit status is known, nothing outside the
     * database is touched. For tools that only read metadata, and for tests.
     */
    RepairHooks METADATA_ONLY = new RepairHooks() {
        @Override
        public OptionalInt recordedExitCode(ContainerRow row) {
            return OptionalInt.empty();
        }

        @Override
        public void release(ContainerRow row) {
            // nothing outside the database is managed by this caller
        }
    };
}

package dev.hull.engine.db;

import java.util.List;
import java.util.Optional;

/** The volumes table. */
public interface Volumes {

    /**
     * Adds the volume, or returns the one of that name if it has the same driver:
     * {@code docker volume create} of an existing volume is not an error.
     *
     * @throws ConflictException        if a volume of that name has another driver
     * @throws InvalidArgumentException if the name breaks docker's rule
     */
    VolumeRow create(VolumeRow volume);

    Optional<VolumeRow> get(String name);

    /** @throws NotFoundException {@code No such volume: x} */
    VolumeRow require(String name);

    /** Volumes matching the filter, by name. */
    List<VolumeRow> list(VolumeFilter filter);

    /** Removes the row; false if there was none. */
    boolean delete(String name);
}

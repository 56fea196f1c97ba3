package dev.hull.engine.db;

import java.util.List;
import java.util.Optional;

/** The containers table. Every method is one transaction unless called inside {@link MetadataStore#transaction}. */
public interface Containers {

    /**
     * Adds a container in state {@code creating}, owned by this process. A null name is
     * replaced by a generated one that no container has.
     *
     * @throws ConflictException        if the name or ID is taken (docker's wording for names)
     * @throws InvalidArgumentException if the name, ID or JSON is malformed
     */
    ContainerRow create(NewContainer container);

    /** The container with exactly this 64-digit ID. */
    Optional<ContainerRow> get(String id);

    /** The container with this name ({@code /name} is accepted too). */
    Optional<ContainerRow> byName(String name);

    /**
     * docker's lookup: a full ID, else a name, else a unique ID prefix.
     *
     * @throws NotFoundException        {@code No such container: x}
     * @throws InvalidArgumentException if the prefix matches several containers
     */
    ContainerRow lookup(String idOrNameOrPrefix);

    /** Containers matching the filter, newest first. */
    List<ContainerRow> list(ContainerFilter filter);

    /**
     * Gives the container a new name.
     *
     * @throws ConflictException if another container has the name, or it is the current name
     */
    ContainerRow rename(String id, String newName);

    /**
     * Moves the container from {@code expected} to {@code change.to()}, only if it is in
     * {@code expected} now. Of two commands racing to move a container, one wins and the
     * other gets a ConflictException naming the state it found.
     *
     * @throws IllegalArgumentException if the state machine has no such move
     */
    ContainerRow transition(String id, ContainerState expected, StateChange change);

    /** Removes the row (and its labels); false if there was none. */
    boolean delete(String id);
}

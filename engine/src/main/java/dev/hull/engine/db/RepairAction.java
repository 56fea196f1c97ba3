package dev.hull.engine.db;

/**
 * One thing {@link Repair} did.
 *
 * @param to     the state the container was left in, or null if its row was removed
 * @param reason why, in words for a log line
 */
public record RepairAction(String containerId, String name, ContainerState from, ContainerState to, String reason) {
}

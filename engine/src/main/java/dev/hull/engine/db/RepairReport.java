package dev.hull.engine.db;

import java.util.List;

/** What one {@link Repair} run changed; empty when the database already told the truth. */
public record RepairReport(List<RepairAction> actions) {

    public RepairReport {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}

package dev.hull.engine.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the containers table true again after a crash; run at every open.
 *
 * <p>The rule: a container recorded as running or paused whose init process is gone
 * (the pid is free, a zombie, or now a different process: its start time differs from
 * the recorded one) has exited; it becomes {@code exited} with the exit code its
 * monitor wrote down, else 255, and a {@code die} event. A container in a transient
 * state ({@code creating}, {@code removing}) whose owning hull process is gone, or
 * which has been in that state longer than the grace period, was abandoned half-way:
 * its leftovers are released and its row removed, with a {@code destroy} event; if
 * they cannot be released it becomes {@code dead}.
 *
 * <p>Abandoned rows are first claimed in a write transaction (the owner becomes this
 * process, the state {@code removing}), so a second hull process repairing at the same
 * time sees a live owner and leaves them alone; the release itself runs outside any
 * transaction, because removing a rootfs may take long and must not hold the write
 * lock that every other hull command needs.
 */
final class Repair {

    /** The exit code recorded when nobody saw the process exit. */
    static final int UNKNOWN_EXIT = 255;

    private final Database db;
    private final SqlContainers containers;
    private final Events events;
    private final InstantSource clock;
    private final ProcessIdentity self;
    private final Duration grace;
    private final RepairHooks hooks;

    Repair(Database db, SqlContainers containers, Events events, InstantSource clock, ProcessIdentity self,
           Duration grace, RepairHooks hooks) {
        this.db = db;
        this.containers = containers;
        this.events = events;
        this.clock = clock;
        this.self = self;
        this.grace = grace;
        this.hooks = hooks;
    }

    RepairReport run() {
        // most opens find nothing to repair; looking in a read transaction first keeps
        // them from queueing for the write lock behind another command
        if (!db.read(c -> needsRepair())) {
            return new RepairReport(List.of());
        }
        List<RepairAction> actions = new ArrayList<>();
        List<ContainerRow> claimed = db.write(c -> {
            markExited(actions);
            return claimAbandoned();
        });
        for (ContainerRow row : claimed) {
            actions.add(finishRemoval(row));
        }
        return new RepairReport(actions);
    }

    private boolean needsRepair() {
        Instant now = clock.instant();
        return containers.list(withProcess()).stream().anyMatch(r -> !r.status().init().isAlive())
                || containers.list(inTransientStates()).stream().anyMatch(r -> abandoned(r, now));
    }

    private static ContainerFilter withProcess() {
        return ContainerFilter.all().withStates(ContainerState.RUNNING, ContainerState.PAUSED);
    }

    private static ContainerFilter inTransientStates() {
        return ContainerFilter.all().withStates(ContainerState.CREATING, ContainerState.REMOVING);
    }

    private boolean abandoned(ContainerRow row, Instant now) {
        ContainerStatus st = row.status();
        return !st.owner().isAlive() || Duration.between(st.changedAt(), now).compareTo(grace) > 0;
    }

    private void markExited(List<RepairAction> actions) {
        for (ContainerRow row : containers.list(withProcess())) {
            if (row.status().init().isAlive()) {
                continue;
            }
            int code = hooks.recordedExitCode(row).orElse(UNKNOWN_EXIT);
            Instant now = clock.instant();
            containers.transition(row.id(), row.state(), StateChange.exited(code, now));
            events.append(EventRow.of(now, "container", "die", row.id(), Map.of(
                    "name", row.name(), "image", row.imageRef(), "exitCode", Integer.toString(code))));
            actions.add(new RepairAction(row.id(), row.name(), row.state(), ContainerState.EXITED,
                    "init process " + row.status().init().pid() + " is gone"));
        }
    }

    private List<ContainerRow> claimAbandoned() throws SQLException {
        List<ContainerRow> claimed = new ArrayList<>();
        Instant now = clock.instant();
        for (ContainerRow row : containers.list(inTransientStates())) {
            if (abandoned(row, now) && claim(row, now)) {
                claimed.add(row);
            }
        }
        return claimed;
    }

    /** Takes the row over, only if it still has the owner and state this repair saw. */
    private boolean claim(ContainerRow row, Instant now) throws SQLException {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("""
                    UPDATE containers SET state = 'removing', state_changed_ns = ?, owner_pid = ?,
                        owner_start_ticks = ?
                    WHERE id = ? AND state = ? AND owner_pid = ? AND owner_start_ticks = ?""")) {
                p.setLong(1, Times.toNanos(now));
                p.setInt(2, self.pid());
                p.setLong(3, self.startTicks());
                p.setString(4, row.id());
                p.setString(5, row.state().word());
                p.setInt(6, row.status().owner().pid());
                p.setLong(7, row.status().owner().startTicks());
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Releases and removes a claimed container; {@code row} is as it was before the claim. */
    private RepairAction finishRemoval(ContainerRow row) {
        String why = "abandoned while " + row.state().word() + " by hull process " + row.status().owner().pid();
        try {
            hooks.release(row);
        } catch (Exception e) {
            db.write(c -> containers.transition(row.id(), ContainerState.REMOVING, StateChange.dead()));
            return new RepairAction(row.id(), row.name(), row.state(), ContainerState.DEAD,
                    why + "; releasing it failed: " + e.getMessage());
        }
        db.write(c -> {
            containers.delete(row.id());
            events.append(EventRow.of(clock.instant(), "container", "destroy", row.id(),
                    Map.of("name", row.name(), "image", row.imageRef())));
            return null;
        });
        return new RepairAction(row.id(), row.name(), row.state(), null, why);
    }
}

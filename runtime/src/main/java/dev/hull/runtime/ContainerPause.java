package dev.hull.runtime;

import dev.hull.runtime.cgroup.Freezer;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;


/**
 * pause / resume: freezes or thaws every process of a container with its cgroup
 * freezer (v1 freezer.state, or v2 cgroup.freeze on a unified-only host), as
 * {@code docker pause} and {@code podman pause} ask through runc's command line.
 */
public final class ContainerPause {

    private ContainerPause() {
    }

    public static void pause(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status != Status.RUNNING) {
            throw new ContainerException("cannot pause container \"" + id + "\": it is " + status.word());
        }
        freeze(id, r, true);
    }

    public static void resume(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status != Status.PAUSED) {
            throw new ContainerException("cannot resume container \"" + id + "\": it is " + status.word()
                    + ", not paused");
        }
        freeze(id, r, false);
    }

    private static void freeze(String id, ContainerRecord r, boolean frozen) {
        String verb = frozen ? "pause" : "resume";
        Freezer freezer = Freezer.of(r.cgroup())
                .orElseThrow(() -> new ContainerException("cannot " + verb + " container \"" + id
                        + "\": it has no freezer cgroup"));
        freezer.set(frozen, "cannot " + verb + " container \"" + id + "\"");
    }
}

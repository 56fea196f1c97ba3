package dev.hull.runtime;

import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** state, list and ps: read-only views of containers. */
public final class ContainerQuery {

    /** A container with its derived status. */
    public record Entry(ContainerRecord record, Status status) {
    }

    private ContainerQuery() {
    }

    public static Entry state(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        return new Entry(r, StatusProbe.status(r, ctx.store().startFifo(id)));
    }

    /** Every container with a readable state; directories of half-made containers are skipped. */
    public static List<Entry> list(RuntimeContext ctx) {
        List<Entry> out = new ArrayList<>();
        for (String id : ctx.store().ids()) {
            Optional<ContainerRecord> r = ctx.store().read(id);
            r.ifPresent(rec -> out.add(new Entry(rec, StatusProbe.status(rec, ctx.store().startFifo(id)))));
        }
        return out;
    }

    /** Process ids in the container's cgroup. */
    public static List<Integer> pids(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        return r.cgroup().pids();
    }
}

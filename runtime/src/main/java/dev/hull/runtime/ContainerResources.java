package dev.hull.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.cgroup.CgroupStats;
import dev.hull.runtime.cgroup.OomWatch;
import dev.hull.runtime.cgroup.Resources;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;

import java.util.Optional;

/**
 * update / events: changing a live container's resource limits, reading its usage
 * and watching for OOM kills — what {@code docker update} and {@code docker stats}
 * need, in-process for the engine and through {@code hull-runtime update/events}.
 */
public final class ContainerResources {

    private ContainerResources() {
    }

    /**
     * Writes the limits set in {@code resources} (an OCI linux.resources object; absent
     * fields keep their values) into the container's cgroup. If one write fails, the
     * container keeps all its old limits. Device rules are not changed, as with runc.
     */
    public static void update(RuntimeContext ctx, String id, JsonNode resources) {
        ContainerRecord r = live(ctx, id, "update");
        JsonNode withoutDevices = resources;
        if (resources != null && resources.isObject() && resources.has("devices")) {
            withoutDevices = ((ObjectNode) resources.deepCopy()).without("devices");
        }
        Resources.of(ctx.cgroups(), r.cgroup()).update(withoutDevices);
    }

    /** The container's current usage. */
    public static CgroupStats stats(RuntimeContext ctx, String id) {
        ContainerRecord r = live(ctx, id, "read stats of");
        return Resources.of(ctx.cgroups(), r.cgroup()).stats();
    }

    /** A watch for OOM kills in the container's cgroup; empty when the host has no memory controller. */
    public static Optional<OomWatch> watchOom(RuntimeContext ctx, String id) {
        ContainerRecord r = live(ctx, id, "watch");
        return OomWatch.open(ctx.cgroups(), r.cgroup());
    }

    private static ContainerRecord live(RuntimeContext ctx, String id, String verb) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status == Status.STOPPED) {
            throw new ContainerException("cannot " + verb + " container \"" + id + "\": it is not running");
        }
        return r;
    }
}

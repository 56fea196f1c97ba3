package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.cgroup.CgroupPaths;
import dev.hull.runtime.hooks.HookRunner;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.StateJson;
import dev.hull.runtime.state.StateStore;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;

import java.nio.file.Files;
import java.util.Optional;

/**
 * delete: removes a stopped (or, as runc does, a created) container: its remaining
 * processes, its cgroup and its state directory, then runs the poststop hooks.
 * With force a running container is killed first.
 */
public final class ContainerDelete {

    private ContainerDelete() {
    }

    public static void delete(RuntimeContext ctx, String id, boolean force) {
        StateStore store = ctx.store();
        if (!store.exists(id)) {
            throw new ContainerException("container \"" + id + "\" does not exist");
        }
        try (StateStore.Lock lock = store.lock(id)) {
            Optional<ContainerRecord> found = store.read(id);
            if (found.isEmpty()) {
                // a create that crashed before writing state, or a delete that died half-way: the
                // cgroup it may have made is found from the config the create copied first
                removeHalfMadeCgroup(ctx, id);
                store.remove(id);
                return;
            }
            ContainerRecord r = found.get();
            Status status = StatusProbe.status(r, store.startFifo(id));
            if ((status == Status.RUNNING || status == Status.PAUSED) && !force) {
                throw new ContainerException("cannot delete container \"" + id + "\": it is " + status.word()
                        + " (stop it first, or use --force)");
            }
            Cgroup cg = r.cgroup();
            Processes.killAndWait(cg, 10_000);
            Spec spec = Files.exists(store.config(id)) ? SpecIO.read(store.config(id)) : null;
            cg.remove();
            store.remove(id);
            if (spec != null) {
                HookRunner.runWarning("poststop", Specs.hooks(spec).poststop(),
                        StateJson.spec(r, Status.STOPPED).toString());
            }
        }
    }

    private static void removeHalfMadeCgroup(RuntimeContext ctx, String id) {
        if (!Files.exists(ctx.store().config(id))) {
            return;
        }
        Spec spec;
        try {
            spec = SpecIO.read(ctx.store().config(id));
        } catch (RuntimeException e) {
            return; // a config cut short by the crash: nothing was made after it
        }
        Cgroup cg = Cgroup.existing(ctx.cgroups(), CgroupPaths.resolve(Specs.cgroupsPath(spec), id,
                ctx.systemdCgroup()));
        Processes.killAndWait(cg, 10_000);
        cg.remove();
    }
}

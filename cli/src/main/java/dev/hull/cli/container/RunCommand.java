package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerExited;
import dev.hull.engine.container.CreateContainer;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.container.RemoveContainer;
import dev.hull.engine.container.StartContainer;
import dev.hull.engine.container.WaitContainer;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.MetadataException;
import dev.hull.runtime.monitor.AttachConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code hull run}: create and start. Detached, it prints the ID; in the foreground
 * it relays the container's output (attached to its monitor before the process
 * starts, so nothing is missed) and exits with the container's exit code.
 */
@Command(name = "run", description = "Create and run a new container.")
public final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin RunFlags flags;
    @Option(names = {"-d", "--detach"}) boolean detach;

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        ImageLookup images = new ImageLookup(HullCli.images(spec), System.err);
        ContainerRow row = CreateContainer.create(ctx, flags.request(r -> Containers.runningPid(ctx, r), images));
        if (detach) {
            try {
                StartContainer.start(ctx, row.id());
            } catch (EngineException e) {
                removeIfAuto(ctx, row);
                throw e;
            }
            System.out.println(row.id());
            return 0;
        }
        AttachConnection[] conn = new AttachConnection[1];
        try {
            StartContainer.start(ctx, row.id(), m -> conn[0] = AttachConnection.open(m), false,
                    flags.tty ? Session.terminalSize() : null);
        } catch (EngineException e) {
            if (conn[0] != null) {
                conn[0].close();
            }
            removeIfAuto(ctx, row);
            throw e;
        }
        int code;
        try (AttachConnection c = conn[0]) {
            code = Session.attach(c, flags.interactive, flags.tty);
        }
        if (code < 0 || !flags.autoRemove) {
            code = WaitContainer.await(ctx, row.id());
        }
        if (flags.autoRemove) {
            removeIfAuto(ctx, row);
        }
        return code;
    }

    /** --rm: the monitor's exit command may be removing it at the same time; either one is fine. */
    private void removeIfAuto(EngineContext ctx, ContainerRow row) {
        if (!flags.autoRemove) {
            return;
        }
        try {
            ContainerExited.handle(ctx, row.id());
            if (ctx.db().containers().get(row.id()).isPresent()) {
                RemoveContainer.remove(ctx, row.id(), true);
            }
        } catch (MetadataException | EngineException e) {
            // removed by the monitor's exit command meanwhile
        }
    }
}

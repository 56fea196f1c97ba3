package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerDoc;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.runtime.monitor.AttachConnection;
import dev.hull.runtime.monitor.MonitorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hull attach CONTAINER}: this terminal to a running container's output (and
 * its stdin unless --no-stdin), through the container's monitor; ctrl-p ctrl-q
 * detaches. Exits with the container's exit code when it ends.
 */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container.")
public final class AttachCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = "--no-stdin") boolean noStdin;
    @Parameters(paramLabel = "CONTAINER") String container;

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        ContainerRow row = ContainerViews.refreshed(ctx, ctx.db().containers().lookup(container));
        if (row.state() != ContainerState.RUNNING && row.state() != ContainerState.PAUSED) {
            throw new EngineException("You cannot attach to a stopped container, start it first", 1);
        }
        ContainerDoc doc = ContainerDoc.fromJson(row.configJson());
        MonitorOptions m = new MonitorOptions(MonitorOptions.locate(ctx.runtime().hullInit()),
                ctx.layout().monitorDir(row.id()), null, 0, 1, false, false, List.of());
        try (AttachConnection c = AttachConnection.open(m)) {
            int code = Session.attach(c, doc.interactive() && !noStdin, doc.options().tty());
            return code < 0 ? 0 : code;
        }
    }
}

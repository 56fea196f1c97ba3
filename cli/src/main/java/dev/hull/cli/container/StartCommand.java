package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.StartContainer;
import dev.hull.runtime.monitor.AttachConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull start [-a] [-i] CONTAINER...}: prints each name as docker does; -a relays the output. */
@Command(name = "start", description = "Start one or more stopped containers.")
public final class StartCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-a", "--attach"}) boolean attach;
    @Option(names = {"-i", "--interactive"}) boolean interactive;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        if (attach || interactive) {
            if (containers.size() > 1) {
                throw new IllegalArgumentException("you cannot start and attach multiple containers at once");
            }
            AttachConnection[] conn = new AttachConnection[1];
            var row = StartContainer.start(ctx, containers.getFirst(), m -> conn[0] = AttachConnection.open(m), false);
            boolean tty = dev.hull.engine.container.ContainerDoc.fromJson(row.configJson()).options().tty();
            try (AttachConnection c = conn[0]) {
                return c == null ? 0 : Math.max(0, Session.attach(c, interactive, tty));
            }
        }
        return Each.container(containers, ref -> StartContainer.start(ctx, ref));
    }
}

package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.RemoveContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull rm [-f] CONTAINER...}. */
@Command(name = "rm", description = "Remove one or more containers.")
public final class RmCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}) boolean force;
    @Option(names = {"-v", "--volumes"}) boolean volumes;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        return Each.container(containers, ref -> RemoveContainer.remove(ctx, ref, force));
    }
}

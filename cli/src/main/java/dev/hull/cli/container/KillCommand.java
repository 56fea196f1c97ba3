package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.StopContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull kill [-s SIGNAL] CONTAINER...}. */
@Command(name = "kill", description = "Kill one or more running containers.")
public final class KillCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-s", "--signal"}) String signal = "KILL";
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        return Each.container(containers, ref -> StopContainer.kill(ctx, ref, signal));
    }
}

package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.PauseContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull pause CONTAINER...}. */
@Command(name = "pause", description = "Pause all processes within one or more containers.")
public final class PauseCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        return Each.container(containers, ref -> PauseContainer.pause(ctx, ref));
    }
}

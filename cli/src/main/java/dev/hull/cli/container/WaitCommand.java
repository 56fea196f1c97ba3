package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.WaitContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull wait CONTAINER...}: prints each exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes.")
public final class WaitCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        int status = 0;
        for (String ref : containers) {
            try {
                System.out.println(WaitContainer.await(ctx, ref));
            } catch (RuntimeException e) {
                System.err.println("Error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}

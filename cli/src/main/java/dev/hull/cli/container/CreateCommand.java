package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.CreateContainer;
import dev.hull.engine.container.EngineContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hull create}: prints the new container's ID. */
@Command(name = "create", description = "Create a new container.")
public final class CreateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin RunFlags flags;

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        ImageLookup images = new ImageLookup(HullCli.images(spec), System.err);
        System.out.println(CreateContainer.create(ctx, flags.request(r -> Containers.runningPid(ctx, r), images)).id());
        return 0;
    }
}

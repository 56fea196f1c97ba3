package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hull rename CONTAINER NEW_NAME}: prints nothing, as docker. */
@Command(name = "rename", description = "Rename a container.")
public final class RenameCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1", paramLabel = "NEW_NAME") String newName;

    @Override
    public Integer call() {
        var ctx = HullCli.engine(spec);
        ctx.db().containers().rename(ctx.db().containers().lookup(container).id(), newName);
        return 0;
    }
}

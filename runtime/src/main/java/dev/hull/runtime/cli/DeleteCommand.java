package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerDelete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "delete", description = "Delete a stopped or created container (--force kills a running one).")
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-f", "--force"})
    boolean force;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        if (force && !app.context().store().exists(id)) {
            return 0; // runc: deleting a missing container with --force succeeds
        }
        ContainerDelete.delete(app.context(), id, force);
        return 0;
    }
}

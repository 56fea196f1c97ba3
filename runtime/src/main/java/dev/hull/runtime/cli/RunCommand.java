package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerCreate;
import dev.hull.runtime.ContainerQuery;
import dev.hull.runtime.ContainerRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Create and start a container; in the foreground, wait and exit with its status.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-b", "--bundle"})
    Path bundle = Path.of(".");

    @Option(names = "--pid-file")
    Path pidFile;

    @Option(names = "--console-socket")
    String consoleSocket;

    @Option(names = {"-d", "--detach"})
    boolean detach;

    @Option(names = "--keep", description = "keep the container's state after it exits")
    boolean keep;

    @Option(names = "--no-pivot")
    boolean noPivot;

    @Option(names = "--no-new-keyring")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds")
    int preserveFds;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        var ctx = app.context();
        return ContainerRun.run(ctx, new ContainerCreate.Request(id, bundle, pidFile, consoleSocket, noPivot,
                preserveFds, !detach), keep, () -> SignalForwarder.install(
                        () -> ContainerQuery.state(ctx, id).record().pid()));
    }
}

package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "start", description = "Start a created container.")
final class StartCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        ContainerStart.start(app.context(), id);
        return 0;
    }
}

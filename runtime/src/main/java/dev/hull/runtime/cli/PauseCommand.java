package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerPause;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "pause", description = "Freeze every process of a running container (cgroup freezer).")
final class PauseCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        ContainerPause.pause(app.context(), id);
        return 0;
    }
}

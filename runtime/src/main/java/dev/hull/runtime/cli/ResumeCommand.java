package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerPause;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "resume", description = "Thaw the processes of a paused container.")
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        ContainerPause.resume(app.context(), id);
        return 0;
    }
}

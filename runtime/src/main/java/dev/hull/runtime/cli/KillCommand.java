package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerKill;
import dev.hull.sys.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "kill", description = "Send a signal (default SIGTERM) to a container's init, or to all its processes.")
final class KillCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-a", "--all"}, description = "signal every process in the container")
    boolean all;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SIGNAL")
    String signal = "SIGTERM";

    @Override
    public Integer call() {
        int sig;
        try {
            sig = Signals.parse(signal);
        } catch (IllegalArgumentException e) {
            throw new ContainerException(e.getMessage());
        }
        ContainerKill.kill(app.context(), id, sig, all);
        return 0;
    }
}

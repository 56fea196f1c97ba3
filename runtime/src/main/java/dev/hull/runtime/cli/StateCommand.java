package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerQuery;
import dev.hull.runtime.state.StateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "state", description = "Print a container's state as JSON.")
final class StateCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        ContainerQuery.Entry e = ContainerQuery.state(app.context(), id);
        System.out.println(StateJson.full(e.record(), e.status()));
        return 0;
    }
}

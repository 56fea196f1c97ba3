package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.ExecContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull exec [-d] [-e] [-u] [-w] [--privileged] CONTAINER COMMAND [ARG...]}: exits with the command's code. */
@Command(name = "exec", description = "Execute a command in a running container.")
public final class ExecCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-d", "--detach"}) boolean detach;
    @Option(names = {"-i", "--interactive"}) boolean interactive;
    @Option(names = {"-t", "--tty"}) boolean tty;
    @Option(names = {"-e", "--env"}) List<String> env = new ArrayList<>();
    @Option(names = {"-u", "--user"}) String user;
    @Option(names = {"-w", "--workdir"}) String workdir;
    @Option(names = "--privileged") boolean privileged;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND") List<String> command;

    @Override
    public Integer call() {
        if (tty) {
            throw new IllegalArgumentException("exec -t is not supported yet: run the command without -t");
        }
        EngineContext ctx = HullCli.engine(spec);
        List<String> e = env.stream().map(v -> v.contains("=") || System.getenv(v) == null ? v
                : v + "=" + System.getenv(v)).toList();
        return ExecContainer.exec(ctx, container, new ExecContainer.Request(command, e, user, workdir, false, detach,
                privileged, null));
    }
}

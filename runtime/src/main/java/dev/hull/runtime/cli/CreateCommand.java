package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "create", description = "Create a container from a bundle; its process waits for start.")
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-b", "--bundle"}, description = "bundle directory (default: current directory)")
    Path bundle = Path.of(".");

    @Option(names = "--pid-file", description = "write the init process id to this file")
    Path pidFile;

    @Option(names = "--console-socket", description = "unix socket that receives the pty master")
    String consoleSocket;

    @Option(names = "--no-pivot", description = "use move-mount and chroot instead of pivot_root")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "accepted for runc compatibility")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", description = "pass fds 3..3+N-1 to the container")
    int preserveFds;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        ContainerCreate.create(app.context(), new ContainerCreate.Request(id, bundle, pidFile, consoleSocket,
                noPivot, preserveFds, false));
        return 0;
    }
}

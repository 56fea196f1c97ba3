package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerExited;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code hull container cleanup ID}: what a container's monitor runs once the
 * container has exited (records the exit, then --rm or the restart policy).
 */
@Command(name = "cleanup", hidden = true, description = "Record a container's exit (run by its monitor).")
public final class CleanupCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Path root = ((HullCli) spec.root().userObject()).globals.root();
        if (!java.nio.file.Files.isDirectory(root.resolve("containers").resolve(id))) {
            return 0; // removed meanwhile (rm -f): nothing to record, and no database to open or make
        }
        var ctx = HullCli.engine(spec);
        try {
            ContainerExited.handle(ctx, id);
            return 0;
        } catch (RuntimeException e) {
            // nobody reads this command's stderr (the monitor runs it detached): keep the error with the container
            java.nio.file.Path log = ctx.layout().containerDir(id).resolve("cleanup.log");
            if (java.nio.file.Files.isDirectory(log.getParent())) {
                java.nio.file.Files.writeString(log, java.time.Instant.now() + " " + e + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            throw e;
        }
    }
}

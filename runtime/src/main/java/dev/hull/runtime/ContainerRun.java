package dev.hull.runtime;

import dev.hull.runtime.init.InitMessage;

/**
 * run: create and start in one call. In the foreground the launcher stays the
 * init's parent and reports its exit status; the container is then deleted (unless
 * kept) and the status returned, as runc does.
 */
public final class ContainerRun {

    private ContainerRun() {
    }

    /** Returns the container's exit status, or 0 once a detached container runs. */
    public static int run(RuntimeContext ctx, ContainerCreate.Request req, boolean keep, Runnable onStarted) {
        ContainerCreate.Created created = ContainerCreate.create(ctx, req);
        try {
            ContainerStart.start(ctx, req.id());
        } catch (RuntimeException e) {
            if (created.init() != null) {
                created.init().close();
            }
            ContainerDelete.delete(ctx, req.id(), true);
            throw e;
        }
        if (!req.waitForExit()) {
            return 0;
        }
        onStarted.run();
        int status;
        try {
            status = awaitExit(created);
        } finally {
            created.init().close();
        }
        if (!keep) {
            ContainerDelete.delete(ctx, req.id(), true);
        }
        return status;
    }

    private static int awaitExit(ContainerCreate.Created created) {
        while (true) {
            InitMessage m = created.init().next();
            switch (m) {
                case InitMessage.Exit e -> {
                    return e.shellStatus();
                }
                case InitMessage.Error e -> System.err.println("hull-runtime: " + e.message());
                case InitMessage.Closed c -> {
                    return created.init().waitLauncher().shellStatus();
                }
                default -> { }
            }
        }
    }
}

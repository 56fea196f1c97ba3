package dev.hull.engine.container;

import dev.hull.engine.db.ConflictException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.StateChange;
import dev.hull.runtime.ContainerDelete;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.monitor.ExitRecord;

import java.nio.file.Files;
import java.util.Optional;

/**
 * Brings a running container's row up to date with what its monitor recorded: once
 * {@code exit.json} exists, the runtime container is deleted, the root filesystem
 * released and the row moved to exited with the code and time. Every command that
 * reads a container calls this first, so the database tells the truth even when the
 * monitor's exit command did not run; of two callers racing, one moves the row.
 */
final class ExitRecorder {

    private ExitRecorder() {
    }

    static ContainerRow refresh(EngineContext ctx, ContainerRow row) {
        if (row.state() == ContainerState.EXITED && recorded(ctx, row.id()).isPresent()
                && Files.exists(ctx.runtime().store().dir(row.id()))) {
            // the database's repair at open recorded the exit but cannot reach the runtime:
            // release the runtime container and its cgroup now (a start in progress has
            // removed exit.json first, so it is never mistaken for this)
            releaseRuntime(ctx, row);
            return row;
        }
        if (row.state() != ContainerState.RUNNING && row.state() != ContainerState.PAUSED) {
            return row;
        }
        Optional<ExitRecord> exit = ExitRecord.read(ctx.layout().monitorDir(row.id()).resolve("exit.json"));
        if (exit.isEmpty()) {
            return interruptedStart(ctx, row);
        }
        releaseRuntime(ctx, row);
        try {
            return ctx.db().containers().transition(row.id(), row.state(),
                    StateChange.exited(exit.get().exitCode(), exit.get().finishedAt()));
        } catch (ConflictException e) {
            return ctx.db().containers().get(row.id()).orElse(row);
        }
    }

    /**
     * A row that says running while its process still waits for start (the runtime's
     * start fifo is there) and no command holds the container's lock: the command that
     * was starting it died in between. Its process is removed and the row says exited
     * (137, killed), as if the start had failed.
     */
    private static ContainerRow interruptedStart(EngineContext ctx, ContainerRow row) {
        if (!Files.exists(ctx.runtime().store().startFifo(row.id()))) {
            return row;
        }
        Optional<ContainerLock> lock = ContainerLock.tryAcquire(ctx.layout(), row.id());
        if (lock.isEmpty()) {
            return row; // a start is in progress
        }
        try (ContainerLock held = lock.get()) {
            if (!Files.exists(ctx.runtime().store().startFifo(row.id()))) {
                return ctx.db().containers().get(row.id()).orElse(row); // started meanwhile
            }
            releaseRuntime(ctx, row);
            return ctx.db().containers().transition(row.id(), row.state(), StateChange.exited(137,
                    java.time.Instant.now()));
        } catch (ConflictException e) {
            return ctx.db().containers().get(row.id()).orElse(row);
        }
    }

    /** Deletes the runtime container (and with it the cgroup) and unmounts the root filesystem. */
    static void releaseRuntime(EngineContext ctx, ContainerRow row) {
        if (Files.exists(ctx.runtime().store().dir(row.id()))) {
            try {
                ContainerDelete.delete(ctx.runtime(), row.id(), true);
            } catch (ContainerException e) {
                // gone meanwhile: another command released it
                if (Files.exists(ctx.runtime().store().dir(row.id()))) {
                    throw e;
                }
            }
        }
        ctx.rootfs(ContainerDoc.fromJson(row.configJson())).release(row.id());
    }

    /** The exit the monitor recorded, if the container has exited. */
    static Optional<ExitRecord> recorded(EngineContext ctx, String id) {
        return ExitRecord.read(ctx.layout().monitorDir(id).resolve("exit.json"));
    }

    /** Waits up to {@code millis} for the monitor to record the exit. */
    static boolean awaitExit(EngineContext ctx, String id, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (recorded(ctx, id).isEmpty()) {
            if (System.nanoTime() > deadline || !monitorAlive(ctx, id)) {
                return recorded(ctx, id).isPresent();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static boolean monitorAlive(EngineContext ctx, String id) {
        try {
            long pid = Long.parseLong(Files.readString(ctx.layout().monitorDir(id).resolve("monitor.pid")).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (java.io.IOException | NumberFormatException e) {
            return false;
        }
    }
}

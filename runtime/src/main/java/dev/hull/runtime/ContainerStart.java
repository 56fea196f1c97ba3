package dev.hull.runtime;

import dev.hull.runtime.hooks.HookRunner;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.StateJson;
import dev.hull.runtime.state.StateStore;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;
import dev.hull.sys.Errno;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.SyscallException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * start: releases a created container's init by writing one byte into its start
 * fifo. The fifo is removed afterwards, which is what marks the container running.
 */
public final class ContainerStart {

    private ContainerStart() {
    }

    public static void start(RuntimeContext ctx, String id) {
        StateStore store = ctx.store();
        ContainerRecord r;
        try (StateStore.Lock lock = store.lock(id)) {
            r = store.load(id);
            Path fifo = store.startFifo(id);
            Status status = StatusProbe.status(r, fifo);
            switch (status) {
                case CREATED -> { }
                case STOPPED -> throw new ContainerException("cannot start container \"" + id
                        + "\": it has stopped; delete it and create it again");
                default -> throw new ContainerException("cannot start container \"" + id + "\": it is "
                        + status.word() + ", not created");
            }
            release(id, fifo);
        }
        Spec spec = SpecIO.read(store.config(id));
        HookRunner.runWarning("poststart", Specs.hooks(spec).poststart(),
                StateJson.spec(r, Status.RUNNING).toString());
    }

    private static void release(String id, Path fifo) {
        int fd;
        try {
            // non-blocking: with no reader (the init died) open fails with ENXIO instead of hanging
            fd = Libc.open(fifo.toString(), OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC, 0);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENXIO) {
                throw new ContainerException("cannot start container \"" + id + "\": its init process has exited");
            }
            throw new ContainerException("cannot start container \"" + id + "\": " + e.getMessage(), e);
        }
        try {
            Libc.writeFully(fd, new byte[] {0});
        } finally {
            Libc.closeQuietly(fd);
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new ContainerException("remove " + fifo + ": " + e.getMessage(), e);
        }
    }
}

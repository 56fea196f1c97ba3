package dev.hull.runtime.state;

import dev.hull.sys.Libc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Derives a container's status from the kernel, never from a stored word: the
 * init process alive with the same start time, the start fifo still present
 * (created), the freezer (paused).
 */
public final class StatusProbe {

    private StatusProbe() {
    }

    public static Status status(ContainerRecord r, Path startFifo) {
        if (r.pid() <= 0) {
            return Status.CREATING;
        }
        if (!alive(r)) {
            return Status.STOPPED;
        }
        if (Files.exists(startFifo)) {
            return Status.CREATED;
        }
        if (r.cgroup().frozen()) {
            return Status.PAUSED;
        }
        return Status.RUNNING;
    }

    /** The init process exists, is not a zombie, and is the same process (start time). */
    public static boolean alive(ContainerRecord r) {
        if (r.pid() <= 0 || !Libc.isAlive(r.pid())) {
            return false;
        }
        long ticks = ProcStat.startTicks(r.pid());
        return ticks == r.startTicks() && ProcStat.state(r.pid()) != 'Z';
    }
}

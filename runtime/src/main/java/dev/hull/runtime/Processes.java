package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.cgroup.Freezer;
import dev.hull.sys.Libc;

import java.util.List;

/** Killing what is left in a container's cgroup. */
final class Processes {

    private Processes() {
    }

    /**
     * SIGKILLs every process in the cgroup until none is left or the timeout passes.
     * A frozen (paused) cgroup is thawed first, or the kill would never be delivered.
     */
    static void killAndWait(Cgroup cgroup, long timeoutMillis) {
        thaw(cgroup);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            List<Integer> pids = cgroup.pids();
            if (pids.isEmpty()) {
                return;
            }
            for (int pid : pids) {
                try {
                    Libc.kill(pid, 9);
                } catch (RuntimeException ignored) {
                    // exited meanwhile
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerException("processes " + pids + " did not exit after SIGKILL");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void thaw(Cgroup cgroup) {
        Freezer.of(cgroup).ifPresent(Freezer::thawQuietly);
    }
}

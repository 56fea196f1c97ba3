package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
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
        for (var dir : cgroup.dirs()) {
            try {
                var v1 = dir.resolve("freezer.state");
                if (java.nio.file.Files.exists(v1)) {
                    java.nio.file.Files.writeString(v1, "THAWED");
                }
                var v2 = dir.resolve("cgroup.freeze");
                if (java.nio.file.Files.exists(v2)) {
                    java.nio.file.Files.writeString(v2, "0");
                }
            } catch (java.io.IOException ignored) {
                // not frozen or not writable: the kill below still runs
            }
        }
    }
}

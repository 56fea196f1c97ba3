package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pause / resume: freezes or thaws every process of a container with its cgroup
 * freezer (v1 freezer.state, or v2 cgroup.freeze on a unified-only host), as
 * {@code docker pause} and {@code podman pause} ask through runc's command line.
 */
public final class ContainerPause {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private ContainerPause() {
    }

    public static void pause(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status != Status.RUNNING) {
            throw new ContainerException("cannot pause container \"" + id + "\": it is " + status.word());
        }
        freeze(id, r, true);
    }

    public static void resume(RuntimeContext ctx, String id) {
        ContainerRecord r = ctx.store().load(id);
        Status status = StatusProbe.status(r, ctx.store().startFifo(id));
        if (status != Status.PAUSED) {
            throw new ContainerException("cannot resume container \"" + id + "\": it is " + status.word()
                    + ", not paused");
        }
        freeze(id, r, false);
    }

    private static void freeze(String id, ContainerRecord r, boolean frozen) {
        Cgroup cg = new Cgroup(r.cgroupDirs().stream().map(Path::of).toList());
        String verb = frozen ? "pause" : "resume";
        for (Path d : cg.dirs()) {
            Path v1 = d.resolve("freezer.state");
            if (Files.exists(v1)) {
                String want = frozen ? "FROZEN" : "THAWED";
                waitFor(id, verb, v1, () -> {
                    write(v1, want);
                    return read(v1).equals(want); // FREEZING until every task stopped: write again
                });
                return;
            }
            Path v2 = d.resolve("cgroup.freeze");
            if (Files.exists(v2) && cg.dirs().size() == 1) {
                write(v2, frozen ? "1" : "0");
                String want = frozen ? "frozen 1" : "frozen 0";
                waitFor(id, verb, v2, () -> read(d.resolve("cgroup.events")).lines().anyMatch(want::equals));
                return;
            }
        }
        throw new ContainerException("cannot " + verb + " container \"" + id + "\": it has no freezer cgroup");
    }

    private interface Check {
        boolean done();
    }

    private static void waitFor(String id, String verb, Path file, Check check) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new ContainerException("cannot " + verb + " container \"" + id + "\": " + file
                        + " did not settle in 10 s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException(verb + " container \"" + id + "\": interrupted");
            }
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new ContainerException("write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new ContainerException("read " + file + ": " + e.getMessage(), e);
        }
    }
}

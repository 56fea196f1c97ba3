package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A container's freezer: v1 {@code freezer.state}, or v2 {@code cgroup.freeze} on a
 * unified-only host. The one place that knows the files, used by pause/resume, the
 * status probe and the thaw before a kill.
 */
public final class Freezer {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private final Path dir;
    private final boolean v1;

    private Freezer(Path dir, boolean v1) {
        this.dir = dir;
        this.v1 = v1;
    }

    /** The freezer of a cgroup, if its host has one (the v1 controller first). */
    public static Optional<Freezer> of(Cgroup cgroup) {
        for (Path d : cgroup.dirs()) {
            if (Files.exists(d.resolve("freezer.state"))) {
                return Optional.of(new Freezer(d, true));
            }
            if (cgroup.dirs().size() == 1 && Files.exists(d.resolve("cgroup.freeze"))) {
                return Optional.of(new Freezer(d, false));
            }
        }
        return Optional.empty();
    }

    public boolean frozen() {
        try {
            return v1 ? read("freezer.state").equals("FROZEN") : read("cgroup.freeze").equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Freezes or thaws and waits until the kernel says it is done: a v1 freezer passes
     * through FREEZING until every task stopped (the write is repeated), a v2 one
     * reports it in cgroup.events.
     */
    public void set(boolean frozen, String what) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!settled(frozen)) {
            if (System.nanoTime() > deadline) {
                throw new ContainerException(what + ": " + file() + " did not settle in 10 s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException(what + ": interrupted");
            }
        }
    }

    /** Thaws without waiting, ignoring errors: before SIGKILL, which a frozen task never receives. */
    public void thawQuietly() {
        try {
            write(false);
        } catch (IOException ignored) {
            // not writable: the kill that follows still runs
        }
    }

    private boolean settled(boolean frozen) {
        try {
            if (v1) {
                write(frozen);
                return read("freezer.state").equals(frozen ? "FROZEN" : "THAWED");
            }
            write(frozen);
            return read("cgroup.events").lines().anyMatch((frozen ? "frozen 1" : "frozen 0")::equals);
        } catch (IOException e) {
            throw new ContainerException("write " + file() + ": " + e.getMessage(), e);
        }
    }

    private void write(boolean frozen) throws IOException {
        Files.writeString(file(), v1 ? (frozen ? "FROZEN" : "THAWED") : (frozen ? "1" : "0"));
    }

    private Path file() {
        return dir.resolve(v1 ? "freezer.state" : "cgroup.freeze");
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name)).trim();
    }
}

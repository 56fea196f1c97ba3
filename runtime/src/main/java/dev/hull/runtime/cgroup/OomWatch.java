package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;
import dev.hull.sys.Libc;
import dev.hull.sys.OpenFlags;
import dev.hull.sys.SyscallException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells when the kernel's OOM killer acts in a container's cgroup, for
 * {@code events}. On v1 the kernel signals an eventfd registered through
 * cgroup.event_control the moment the cgroup hits its limit; on v2 the oom_kill
 * count in memory.events is compared on each wait (checked every 100 ms).
 */
public final class OomWatch implements AutoCloseable {

    private static final long V2_POLL_MILLIS = 100;

    private final Path dir;
    private final int eventFd;   // v1 only, else -1
    private final int controlFd; // v1 only, else -1
    private long lastKills;

    private OomWatch(Path dir, int eventFd, int controlFd, long lastKills) {
        this.dir = dir;
        this.eventFd = eventFd;
        this.controlFd = controlFd;
        this.lastKills = lastKills;
    }

    /** A watch on the container's memory cgroup, if the host has one. */
    public static Optional<OomWatch> open(CgroupLayout layout, Cgroup cgroup) {
        Optional<Path> v1 = cgroup.v1Dir(layout, "memory");
        if (v1.isPresent()) {
            return Optional.of(v1(v1.get()));
        }
        if (layout.unified() && cgroup.dirs().size() == 1
                && Files.exists(cgroup.dirs().getFirst().resolve("memory.events"))) {
            Path d = cgroup.dirs().getFirst();
            return Optional.of(new OomWatch(d, -1, -1, kills(d)));
        }
        return Optional.empty();
    }

    private static OomWatch v1(Path dir) {
        int efd = Libc.eventfd();
        int cfd = -1;
        try {
            cfd = Libc.open(dir.resolve("memory.oom_control").toString(), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
            Files.writeString(dir.resolve("cgroup.event_control"), efd + " " + cfd);
            return new OomWatch(dir, efd, cfd, 0);
        } catch (IOException | SyscallException e) {
            Libc.closeQuietly(efd);
            Libc.closeQuietly(cfd);
            throw new ContainerException("watch " + dir.resolve("memory.oom_control") + " for OOM events: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for OOM kills. Returns how many happened (0 on
     * timeout), or -1 once the cgroup is gone (the container was deleted).
     */
    public int await(long timeoutMillis) {
        return eventFd >= 0 ? awaitV1(timeoutMillis) : awaitV2(timeoutMillis);
    }

    private int awaitV1(long timeoutMillis) {
        if (Libc.poll(eventFd, Libc.POLLIN, (int) Math.min(timeoutMillis, Integer.MAX_VALUE)) == 0) {
            return Files.isDirectory(dir) ? 0 : -1;
        }
        byte[] counter = new byte[8];
        Libc.read(eventFd, counter, 0, 8);
        // the kernel also signals the eventfd when the cgroup is removed
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (counter[i] & 0xff); // host byte order, little-endian on x86_64 and aarch64
        }
        return (int) n;
    }

    private int awaitV2(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        do {
            if (!Files.isDirectory(dir)) {
                return -1;
            }
            long now = kills(dir);
            if (now > lastKills) {
                int n = (int) (now - lastKills);
                lastKills = now;
                return n;
            }
            try {
                Thread.sleep(Math.min(V2_POLL_MILLIS, Math.max(1, timeoutMillis)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        } while (System.nanoTime() < deadline);
        return 0;
    }

    private static long kills(Path dir) {
        return CgroupFiles.keyed(dir.resolve("memory.events")).getOrDefault("oom_kill", 0L);
    }

    @Override
    public void close() {
        Libc.closeQuietly(eventFd);
        Libc.closeQuietly(controlFd);
    }
}

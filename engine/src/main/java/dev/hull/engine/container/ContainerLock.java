package dev.hull.engine.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One container's operation lock (start, remove, recording an interrupted start):
 * an flock on {@code ROOT/containers/ID/.lock}, which the kernel drops when its
 * process dies, so a command killed half-way never leaves it held. What a held lock
 * does not protect (a runtime container with no start in progress) is a leftover.
 */
final class ContainerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ContainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    static ContainerLock acquire(EngineLayout layout, String id) {
        FileChannel ch = open(layout, id);
        try {
            return new ContainerLock(ch, ch.lock());
        } catch (IOException e) {
            close(ch);
            throw new EngineException("lock container " + id + ": " + e.getMessage(), e);
        }
    }

    /** The lock if nobody holds it now; empty while another command works on the container. */
    static Optional<ContainerLock> tryAcquire(EngineLayout layout, String id) {
        if (!Files.isDirectory(layout.containerDir(id))) {
            return Optional.empty();
        }
        FileChannel ch = open(layout, id);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                close(ch);
                return Optional.empty();
            }
            return Optional.of(new ContainerLock(ch, l));
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            close(ch);
            return Optional.empty();
        }
    }

    /** The lock file, made if needed; never the container's directory (a removed container stays removed). */
    private static FileChannel open(EngineLayout layout, String id) {
        Path dir = layout.containerDir(id);
        if (!Files.isDirectory(dir)) {
            throw new EngineException("No such container: " + id, 1);
        }
        try {
            return FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EngineException("lock container " + id + ": " + e.getMessage(), e);
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a lock file: nothing to lose
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel below
        }
        close(channel);
    }
}

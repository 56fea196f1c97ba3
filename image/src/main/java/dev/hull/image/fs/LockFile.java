package dev.hull.image.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Advisory locks on a file that hold across threads and processes.
 *
 * <p>A {@link FileLock} alone is not enough: POSIX record locks belong to the
 * process, so two threads of one JVM do not exclude each other (Java throws
 * {@code OverlappingFileLockException} instead), and closing any descriptor of the
 * file drops every lock the process has on it. So each lock file has one in-JVM
 * read-write lock that threads queue on, and at most one open channel per JVM, which
 * holds the OS lock while any thread of this JVM holds the in-JVM lock.
 *
 * <p>Lock files are never deleted while in use: a waiter could otherwise lock an
 * unlinked file while a newcomer locks its replacement.
 */
public final class LockFile {

    private static final ConcurrentHashMap<Path, Entry> ENTRIES = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        int users;              // guarded by ENTRIES.compute
        FileChannel channel;    // guarded by this
        FileLock osLock;        // guarded by this
        int osHolders;          // guarded by this
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private LockFile() {
    }

    /** Waits for the exclusive lock on {@code file} (created if missing). */
    public static Held exclusive(Path file) {
        return acquire(file, false, null).orElseThrow();
    }

    /** Waits for a shared lock on {@code file} (created if missing). */
    public static Held shared(Path file) {
        return acquire(file, true, null).orElseThrow();
    }

    /**
     * Tries for the exclusive lock until {@code patience} has passed. It polls instead of
     * queueing, so that threads of this JVM asking for shared locks are never held up
     * behind it: a thread holding a shared lock may be waiting for one of them.
     */
    public static Optional<Held> tryExclusive(Path file, Duration patience) {
        return acquire(file, false, patience);
    }

    private static Optional<Held> acquire(Path file, boolean shared, Duration patience) {
        Path key = file.toAbsolutePath().normalize();
        Entry e = ENTRIES.compute(key, (k, v) -> {
            Entry x = v == null ? new Entry() : v;
            x.users++;
            return x;
        });
        Lock jvm = shared ? e.rw.readLock() : e.rw.writeLock();
        boolean ok = false;
        try {
            if (patience == null) {
                if (!shared && e.rw.isWriteLockedByCurrentThread()) {
                    throw new IllegalStateException(key + " is already locked by this thread");
                }
                jvm.lock();
                try {
                    lockOs(key, e, shared, false);
                } catch (RuntimeException ex) {
                    jvm.unlock();
                    throw ex;
                }
                ok = true;
            } else {
                ok = poll(key, e, jvm, patience);
            }
        } finally {
            if (!ok) {
                forget(key);
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new Held() {
            private boolean released;

            @Override
            public void close() {
                if (released) {
                    return;
                }
                released = true;
                unlockOs(e);
                jvm.unlock();
                forget(key);
            }
        });
    }

    private static boolean poll(Path key, Entry e, Lock jvm, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long sleepMs = 5;
        while (true) {
            if (jvm.tryLock()) {
                boolean locked = false;
                try {
                    locked = lockOs(key, e, false, true);
                } finally {
                    if (!locked) {
                        jvm.unlock();
                    }
                }
                if (locked) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(sleepMs, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleepMs = Math.min(sleepMs * 2, 100);
        }
    }

    /** Takes the OS lock if this JVM does not hold it yet; returns false only when {@code tryOnly} fails. */
    private static boolean lockOs(Path key, Entry e, boolean shared, boolean tryOnly) {
        synchronized (e) {
            if (e.osHolders == 0) {
                FileChannel ch = null;
                try {
                    ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    FileLock l = tryOnly ? ch.tryLock(0, Long.MAX_VALUE, shared) : ch.lock(0, Long.MAX_VALUE, shared);
                    if (l == null) {
                        ch.close();
                        return false;
                    }
                    e.channel = ch;
                    e.osLock = l;
                } catch (IOException ex) {
                    closeQuietly(ch);
                    throw new UncheckedIOException("cannot lock " + key + ": " + ex.getMessage(), ex);
                }
            }
            e.osHolders++;
            return true;
        }
    }

    private static void unlockOs(Entry e) {
        synchronized (e) {
            if (--e.osHolders == 0) {
                try {
                    e.osLock.release();
                } catch (IOException ignored) {
                    // closing the channel below releases it too
                }
                closeQuietly(e.channel);
                e.channel = null;
                e.osLock = null;
            }
        }
    }

    private static void forget(Path key) {
        ENTRIES.compute(key, (k, v) -> v == null || --v.users == 0 ? null : v);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}

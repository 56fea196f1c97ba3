package dev.hull.image.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockFileTest {

    /** Own threads: the common pool has a single thread on a 2-core machine, which would serialise the tests. */
    static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    static <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, POOL);
    }

    @TempDir
    Path dir;

    @Test
    void exclusiveExcludesOtherThreads() throws Exception {
        Path f = dir.resolve("x.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable work = () -> {
            for (int i = 0; i < 50; i++) {
                try (LockFile.Held h = LockFile.exclusive(f)) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                }
            }
        };
        CompletableFuture<?> a = CompletableFuture.runAsync(work, POOL);
        CompletableFuture<?> b = CompletableFuture.runAsync(work, POOL);
        CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void sharedHoldersCoexistAndKeepExclusiveOut() throws Exception {
        Path f = dir.resolve("gc.lock");
        try (LockFile.Held a = LockFile.shared(f)) {
            CompletableFuture<Boolean> other = async(() -> {
                try (LockFile.Held b = LockFile.shared(f)) {
                    return true;
                }
            });
            assertThat(other.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(LockFile.tryExclusive(f, Duration.ofMillis(100))).isEmpty();
        }
        try (LockFile.Held x = LockFile.tryExclusive(f, Duration.ofMillis(100)).orElseThrow()) {
            assertThat(x).isNotNull();
        }
    }

    @Test
    void aWaitingExclusiveDoesNotHoldUpNewSharedHolders() throws Exception {
        // a pull holding a lease waits for a worker that needs a shared lock too:
        // a collector polling for the exclusive lock must not queue in between
        Path f = dir.resolve("gc.lock");
        CountDownLatch polling = new CountDownLatch(1);
        try (LockFile.Held lease = LockFile.shared(f)) {
            CompletableFuture<Boolean> gc = async(() -> {
                polling.countDown();
                return LockFile.tryExclusive(f, Duration.ofSeconds(2)).map(h -> {
                    h.close();
                    return true;
                }).orElse(false);
            });
            polling.await();
            Thread.sleep(50);
            CompletableFuture<Boolean> worker = async(() -> {
                try (LockFile.Held h = LockFile.shared(f)) {
                    return true;
                }
            });
            assertThat(worker.get(1, TimeUnit.SECONDS)).isTrue();
            lease.close();
            assertThat(gc.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void sameThreadCannotTakeItsExclusiveLockTwice() {
        Path f = dir.resolve("y.lock");
        try (LockFile.Held h = LockFile.exclusive(f)) {
            assertThatThrownBy(() -> LockFile.exclusive(f)).isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("y.lock is already locked by this thread");
        }
        LockFile.exclusive(f).close();
    }

    @Test
    void releasingTwiceIsHarmless() {
        Path f = dir.resolve("z.lock");
        LockFile.Held h = LockFile.exclusive(f);
        h.close();
        h.close();
        try (LockFile.Held again = LockFile.tryExclusive(f, Duration.ZERO).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }
}

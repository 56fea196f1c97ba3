package dev.hull.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting for what a container does in the background, and reading what it writes meanwhile. */
public final class Waits {

    private Waits() {
    }

    /** Polls every 100 ms until {@code cond} holds; fails after {@code seconds}. */
    public static void until(BooleanSupplier cond, String what, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + seconds + " s for " + what);
    }

    /** The lines of a file another process is still writing; none while it does not exist. */
    public static List<String> lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}

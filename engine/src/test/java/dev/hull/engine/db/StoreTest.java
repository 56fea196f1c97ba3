package dev.hull.engine.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/** A fresh store in a temporary directory, with a clock the test controls. */
abstract class StoreTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    MetadataStore store;

    @BeforeEach
    void openStore() {
        store = MetadataStore.open(StoreOptions.inRoot(dir).withClock(clock));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    ContainerRow create(String name) {
        return store.containers().create(NewContainer.of(name, "docker.io/library/busybox:latest", "sha256:"
                + "b".repeat(64)));
    }

    ContainerRow createWithId(String id, String name) {
        return store.containers().create(new NewContainer(id, name, "docker.io/library/busybox:latest",
                "sha256:" + "b".repeat(64), "{}", null, null, null, null));
    }
}

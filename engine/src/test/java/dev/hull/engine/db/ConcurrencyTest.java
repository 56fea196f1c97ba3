package dev.hull.engine.db;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writers at once, in one process and in several: no update may be lost, no
 * container may be moved twice from one state, and no SQLITE_BUSY may reach a caller
 * (any exception fails the worker and so the test).
 */
class ConcurrencyTest extends StoreTest {

    private static final int ROUNDS = 30;

    private String sharedId;

    @BeforeEach
    void sharedContainer() {
        ContainerRow shared = create("shared");
        store.containers().transition(shared.id(), ContainerState.CREATING, StateChange.created());
        store.containers().transition(shared.id(), ContainerState.CREATED,
                StateChange.started(ProcessIdentity.current(), clock.instant()));
        sharedId = shared.id();
    }

    @Test
    void threadsSharingOneStore() throws Exception {
        ConcurrencyWorker.Wins wins = inThreads(4, i -> store);
        check(wins, 4 * ROUNDS);
    }

    @Test
    void threadsWithAStoreEach() throws Exception {
        List<MetadataStore> stores = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                stores.add(MetadataStore.open(StoreOptions.inRoot(dir)));
            }
            ConcurrencyWorker.Wins wins = inThreads(4, stores::get);
            check(wins, 4 * ROUNDS);
        } finally {
            stores.forEach(MetadataStore::close);
        }
    }

    @Test
    void childJvmsAndThisOneAtOnce() throws Exception {
        int children = 3;
        ProcessIdentity init = ProcessIdentity.current();
        List<Process> procs = new ArrayList<>();
        try {
            for (int i = 0; i < children; i++) {
                procs.add(new ProcessBuilder(javaCommand(dir, sharedId, "child" + i, init))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            List<BufferedReader> outs = new ArrayList<>();
            for (Process p : procs) {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("ready");
                outs.add(out);
            }
            for (Process p : procs) {
                Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                w.write("go\n");
                w.flush();
            }
            ConcurrencyWorker.Wins wins = ConcurrencyWorker.run(store, sharedId, ROUNDS, "parent", init);
            for (int i = 0; i < children; i++) {
                String line = outs.get(i).readLine();
                assertThat(procs.get(i).waitFor()).as("exit status of child %d", i).isZero();
                assertThat(line).as("result of child %d", i).matches("[0-9]+ [0-9]+");
                String[] f = line.split(" ");
                wins = wins.plus(new ConcurrencyWorker.Wins(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
            }
            check(wins, (children + 1) * ROUNDS);
        } finally {
            for (Process p : procs) {
                p.destroyForcibly();
            }
        }
    }

    private static List<String> javaCommand(Path root, String sharedId, String tag, ProcessIdentity init) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ConcurrencyWorker.class.getName(), root.toString(), sharedId, Integer.toString(ROUNDS), tag,
                Integer.toString(init.pid()), Long.toString(init.startTicks()));
    }

    private interface StoreFor {
        MetadataStore get(int worker);
    }

    private ConcurrencyWorker.Wins inThreads(int n, StoreFor stores) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ProcessIdentity init = ProcessIdentity.current();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<ConcurrencyWorker.Wins>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return ConcurrencyWorker.run(stores.get(worker), sharedId, ROUNDS, "t" + worker, init);
                }));
            }
            go.countDown();
            ConcurrencyWorker.Wins total = new ConcurrencyWorker.Wins(0, 0);
            for (Future<ConcurrencyWorker.Wins> f : futures) {
                total = total.plus(f.get());
            }
            return total;
        }
    }

    private void check(ConcurrencyWorker.Wins wins, int created) {
        List<ContainerRow> all = store.containers().list(ContainerFilter.all());
        assertThat(all).hasSize(created + 1);
        Set<String> names = new HashSet<>();
        all.forEach(r -> names.add(r.name()));
        assertThat(names).hasSize(created + 1);
        assertThat(store.containers().list(ContainerFilter.parse(Map.of("status", List.of("created")))))
                .hasSize(created);

        List<EventRow> flips = store.events().list(EventFilter.all().ofActions("flip"), 100_000);
        assertThat(wins.flips()).isPositive();
        assertThat(flips).hasSize(wins.flips());
        ContainerRow shared = store.containers().get(sharedId).orElseThrow();
        assertThat(shared.status().restartCount()).isEqualTo(wins.restarts());
        // in commit order, each flip starts from the state the one before left: no two
        // commands moved the container out of the same state
        String state = "running";
        for (EventRow flip : flips) {
            assertThat(flip.attributes().get("from")).as("flip %d", flip.seq()).isEqualTo(state);
            state = flip.attributes().get("to");
        }
        assertThat(shared.state().word()).isEqualTo(state);
    }
}

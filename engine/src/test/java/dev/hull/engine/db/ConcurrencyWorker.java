package dev.hull.engine.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The workload {@link ConcurrencyTest} runs from several threads and several JVMs at
 * once: each round creates a container with a generated name, and tries to flip a
 * shared container between running and exited. A flip that loses the race gets a
 * ConflictException and is not counted; a flip that wins appends a "flip" event, with
 * the states it went from and to, in the same transaction. So, with no lost updates
 * and no double moves, the events log holds exactly as many flips as the workers won,
 * each starting where the one before ended, and the shared row's restart count equals
 * the restarts won.
 */
final class ConcurrencyWorker {

    /** What one worker won. */
    record Wins(int flips, int restarts) {
        Wins plus(Wins o) {
            return new Wins(flips + o.flips, restarts + o.restarts);
        }
    }

    private ConcurrencyWorker() {
    }

    static Wins run(MetadataStore store, String sharedId, int rounds, String tag, ProcessIdentity init) {
        int flips = 0;
        int restarts = 0;
        for (int i = 0; i < rounds; i++) {
            ContainerState seen = store.containers().get(sharedId).orElseThrow().state();
            // other work between reading the state and acting on it, as a real command
            // has: it gives the other workers time to move the shared container first
            ContainerRow mine = store.containers().create(NewContainer.of(null, "docker.io/library/busybox:latest",
                    "sha256:00").withLabels(Map.of("worker", tag)));
            store.containers().transition(mine.id(), ContainerState.CREATING, StateChange.created());

            boolean restart = seen == ContainerState.EXITED;
            StateChange change = restart ? StateChange.restarted(init, mine.created())
                    : StateChange.exited(0, mine.created());
            try {
                store.transaction(() -> {
                    store.containers().transition(sharedId, seen, change);
                    store.events().append(EventRow.of(mine.created(), "container", "flip", sharedId,
                            Map.of("worker", tag, "from", seen.word(), "to", change.to().word())));
                });
                flips++;
                if (restart) {
                    restarts++;
                }
            } catch (ConflictException lostTheRace) {
                // another worker moved it first: exactly what the optimistic update is for
            }
        }
        return new Wins(flips, restarts);
    }

    /**
     * In a child JVM: args are root, shared ID, rounds, tag, init pid, init start ticks.
     * Prints "ready", waits for a line on stdin, works, prints "flips restarts".
     */
    public static void main(String[] args) throws Exception {
        ProcessIdentity init = new ProcessIdentity(Integer.parseInt(args[4]), Long.parseLong(args[5]));
        try (MetadataStore store = MetadataStore.open(StoreOptions.inRoot(Path.of(args[0])))) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Wins w = run(store, args[1], Integer.parseInt(args[2]), args[3], init);
            System.out.println(w.flips() + " " + w.restarts());
        }
    }
}

import dev.hull.runtime.ContainerCreate;
import dev.hull.runtime.ContainerDelete;
import dev.hull.runtime.ContainerQuery;
import dev.hull.runtime.ContainerStart;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.state.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hull's in-process library path, the way the engine uses it: one JVM, N
 * container lifecycles through the runtime API (no JVM per container).
 * Single-file program, run by bench/run-lifecycle.sh with the runtime jars on the
 * class path:
 *
 *   java --enable-native-access=ALL-UNNAMED -cp 'runtime/target/hull-runtime.jar:runtime/target/lib/*' \
 *        -Dhull.init=hull-init/target/hull-init bench/LifecycleBench.java ROOT BUNDLE N WARMUP RUNS
 *
 * Per container: ContainerCreate.create, ContainerStart.start, ContainerQuery.state
 * polled back to back until STOPPED (the same probe `hull-runtime state` uses),
 * ContainerDelete.delete. WARMUP containers are run (and not counted) first, then
 * RUNS loops of N; each loop prints the same line as lifecycle-loop.sh:
 * total_ns create_ns start_ns wait_ns delete_ns state_calls cpu_ns
 * where cpu_ns is this process's user+sys CPU time plus that of its reaped
 * children (hull-init launchers) during the loop.
 */
public final class LifecycleBench {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path bundle = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Files.createDirectories(root);

        long t0 = System.nanoTime();
        RuntimeContext ctx = RuntimeContext.of(root, false);
        loop(ctx, bundle, "warm", warmup);
        System.err.printf("library: context + %d warm-up containers took %.1f ms%n", warmup,
                (System.nanoTime() - t0) / 1e6);
        for (int r = 0; r < runs; r++) {
            long[] t = loop(ctx, bundle, "r" + r, n);
            System.out.println(t[0] + " " + t[1] + " " + t[2] + " " + t[3] + " " + t[4] + " " + t[5] + " " + t[6]);
        }
    }

    private static long[] loop(RuntimeContext ctx, Path bundle, String tag, int n) throws IOException {
        long create = 0, start = 0, wait = 0, delete = 0, polls = 0;
        long cpu0 = cpuNanos();
        long all0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "lib-" + ProcessHandle.current().pid() + "-" + tag + "-" + i;
            long a = System.nanoTime();
            ContainerCreate.create(ctx, new ContainerCreate.Request(id, bundle, null, null, false, 0, false));
            long b = System.nanoTime();
            ContainerStart.start(ctx, id);
            long c = System.nanoTime();
            do {
                polls++;
            } while (ContainerQuery.state(ctx, id).status() != Status.STOPPED);
            long d = System.nanoTime();
            ContainerDelete.delete(ctx, id, false);
            long e = System.nanoTime();
            create += b - a;
            start += c - b;
            wait += d - c;
            delete += e - d;
        }
        long all = System.nanoTime() - all0;
        return new long[] {all, create, start, wait, delete, polls, cpuNanos() - cpu0};
    }

    /** utime + stime + cutime + cstime of this process, from /proc/self/stat (clock ticks of 10 ms). */
    private static long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int i = 11; i <= 14; i++) { // fields 14..17 of proc(5), counted from field 3
            ticks += Long.parseLong(f[i]);
        }
        return ticks * 10_000_000L;
    }
}

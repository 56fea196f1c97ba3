package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.cli.HumanSize;
import dev.hull.cli.TextTable;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.db.ContainerFilter;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.runtime.ContainerResources;
import dev.hull.runtime.cgroup.CgroupStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hull stats [--no-stream] [CONTAINER...]}: docker's table from the containers'
 * cgroups. CPU % is the cgroup's CPU time over wall time between two readings half a
 * second apart (a refresh every second without --no-stream); memory is usage without
 * the page cache, as docker shows it.
 */
@Command(name = "stats", description = "Display a live stream of container resource usage statistics.")
public final class StatsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = "--no-stream") boolean noStream;
    @Option(names = {"-a", "--all"}) boolean all;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        List<ContainerRow> rows = new ArrayList<>();
        if (containers.isEmpty()) {
            ContainerViews.refreshed(ctx, ctx.db().containers().list(ContainerFilter.all())).stream()
                    .filter(r -> all || r.state() == ContainerState.RUNNING).forEach(rows::add);
        } else {
            for (String c : containers) {
                rows.add(ContainerViews.refreshed(ctx, ctx.db().containers().lookup(c)));
            }
        }
        Map<String, CgroupStats> before = sample(ctx, rows);
        long t0 = System.nanoTime();
        while (true) {
            Thread.sleep(noStream ? 500 : 1000);
            Map<String, CgroupStats> after = sample(ctx, rows);
            long t1 = System.nanoTime();
            if (!noStream) {
                System.out.print("\033[2J\033[H");
            }
            System.out.print(table(rows, before, after, t1 - t0));
            System.out.flush();
            if (noStream) {
                return 0;
            }
            before = after;
            t0 = t1;
        }
    }

    private static Map<String, CgroupStats> sample(EngineContext ctx, List<ContainerRow> rows) {
        Map<String, CgroupStats> out = new LinkedHashMap<>();
        for (ContainerRow r : rows) {
            try {
                out.put(r.id(), ContainerResources.stats(ctx.runtime(), r.id()));
            } catch (RuntimeException e) {
                // stopped: shown with zeros, as docker does
            }
        }
        return out;
    }

    static String table(List<ContainerRow> rows, Map<String, CgroupStats> before, Map<String, CgroupStats> after,
                        long wallNanos) {
        TextTable t = new TextTable().row("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O",
                "BLOCK I/O", "PIDS");
        long hostMemory = hostMemory();
        for (ContainerRow r : rows) {
            CgroupStats a = before.get(r.id());
            CgroupStats b = after.get(r.id());
            if (a == null || b == null) {
                t.row(r.shortId(), r.name(), "0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0");
                continue;
            }
            double cpu = 100.0 * (b.cpu().total() - a.cpu().total()) / Math.max(1, wallNanos);
            long usage = Math.max(0, b.memory().usage().usage() - b.memory().cache());
            long limit = b.memory().usage().limit();
            if (limit <= 0 || limit > hostMemory) {
                limit = hostMemory;
            }
            long read = 0;
            long write = 0;
            for (CgroupStats.BlkioEntry e : b.ioServiceBytes()) {
                if (e.op().equalsIgnoreCase("read")) {
                    read += e.value();
                } else if (e.op().equalsIgnoreCase("write")) {
                    write += e.value();
                }
            }
            t.row(r.shortId(), r.name(), String.format(Locale.ROOT, "%.2f%%", cpu),
                    mib(usage) + " / " + mib(limit), String.format(Locale.ROOT, "%.2f%%", 100.0 * usage / limit),
                    "0B / 0B", HumanSize.of(read) + " / " + HumanSize.of(write), Long.toString(b.pids().current()));
        }
        return t.render();
    }

    /** Memory as docker's stats prints it: binary units (KiB, MiB, GiB). */
    static String mib(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "") + units[u];
    }

    private static long hostMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // fall through
        }
        return Long.MAX_VALUE;
    }
}

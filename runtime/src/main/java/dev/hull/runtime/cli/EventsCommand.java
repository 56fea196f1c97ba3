package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerResources;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.cgroup.OomWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "events", description = "Print a container's resource usage every interval and its OOM kills as they happen.")
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = "--interval", defaultValue = "5s", description = "time between stats, e.g. 5s, 500ms, 1m (default 5s)")
    String interval;

    @Option(names = "--stats", description = "print the stats once and exit")
    boolean once;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        long every = parseInterval(interval).toMillis();
        RuntimeContext ctx = app.context();
        PrintStream out = System.out;
        if (once) {
            out.println(StatsJson.stats(id, ContainerResources.stats(ctx, id)));
            out.flush();
            return 0;
        }
        Optional<OomWatch> watch = ContainerResources.watchOom(ctx, id);
        try {
            long next = System.currentTimeMillis() + every;
            while (true) {
                long wait = Math.max(0, next - System.currentTimeMillis());
                int ooms = watch.isPresent() ? watch.get().await(wait) : sleep(wait);
                if (ooms < 0) {
                    return 0; // the cgroup is gone: the container was deleted
                }
                for (int i = 0; i < ooms; i++) {
                    emit(out, StatsJson.oom(id));
                }
                if (System.currentTimeMillis() >= next) {
                    try {
                        emit(out, StatsJson.stats(id, ContainerResources.stats(ctx, id)));
                    } catch (ContainerException stopped) {
                        return 0; // stopped or deleted between two intervals
                    }
                    next += every;
                }
            }
        } finally {
            watch.ifPresent(OomWatch::close);
        }
    }

    private static void emit(PrintStream out, ObjectNode event) {
        out.println(event);
        out.flush();
    }

    private static int sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Go duration strings as runc takes them: 5s, 500ms, 1m, 1m30s, 2h. */
    static Duration parseInterval(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(text);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            nanos += (long) (v * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new ContainerException("invalid value \"" + text + "\" for --interval: expected a duration such as 5s");
        }
        if (nanos <= 0) {
            throw new ContainerException("duration interval must be greater than 0");
        }
        return Duration.ofNanos(nanos);
    }
}

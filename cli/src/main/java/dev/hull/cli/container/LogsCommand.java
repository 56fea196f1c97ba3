package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.LogReader;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code hull logs [-f] [-t] [--since] [--until] [-n N] CONTAINER}: stdout lines to stdout, stderr to stderr. */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-f", "--follow"}) boolean follow;
    @Option(names = {"-t", "--timestamps"}) boolean timestamps;
    @Option(names = "--since") String since;
    @Option(names = "--until") String until;
    @Option(names = {"-n", "--tail"}) String tail = "all";
    @Parameters(paramLabel = "CONTAINER") String container;

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        ContainerRow row = ContainerViews.refreshed(ctx, ctx.db().containers().lookup(container));
        int n;
        try {
            n = tail.equals("all") ? -1 : Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for \"tail\": " + tail);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, false, StandardCharsets.UTF_8);
        LogReader.read(ctx.layout().logFile(row.id()), new LogReader.Options(time(since), time(until), n, follow),
                () -> ctx.db().containers().get(row.id()).map(r -> ContainerViews.refreshed(ctx, r).state()
                        == ContainerState.RUNNING).orElse(false),
                e -> {
                    PrintStream s = e.stream().equals("stderr") ? err : out;
                    s.print(timestamps ? e.time() + " " + e.text() : e.text());
                    s.flush();
                });
        return 0;
    }

    /** docker's --since/--until: an RFC 3339 time, a Unix time, or a duration before now (10m, 1h30m). */
    static Instant time(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // not RFC 3339
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            double secs = Double.parseDouble(s);
            return Instant.ofEpochSecond((long) secs, (long) ((secs - (long) secs) * 1e9));
        }
        if (s.matches("(\\d+[hms])+")) {
            return Instant.now().minus(Duration.parse("PT" + s.toUpperCase()));
        }
        throw new IllegalArgumentException("invalid value for \"since\"/\"until\": " + s);
    }
}

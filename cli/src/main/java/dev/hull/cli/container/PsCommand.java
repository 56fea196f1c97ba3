package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.cli.HumanTime;
import dev.hull.cli.TextTable;
import dev.hull.engine.container.ContainerDoc;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.db.ContainerFilter;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hull ps}: docker's table, newest first; running containers only unless -a. */
@Command(name = "ps", description = "List containers.")
public final class PsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = {"-q", "--quiet"}) boolean quiet;
    @Option(names = "--no-trunc") boolean noTrunc;
    @Option(names = {"-n", "--last"}) Integer last;
    @Option(names = {"-l", "--latest"}) boolean latest;
    @Option(names = {"-f", "--filter"}) List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
        EngineContext ctx = HullCli.engine(spec);
        Map<String, List<String>> terms = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad format of filter (expected name=value)");
            }
            terms.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        List<ContainerRow> rows = ContainerViews.refreshed(ctx, ctx.db().containers().list(ContainerFilter.parse(terms)));
        boolean showAll = all || last != null || latest || terms.containsKey("status");
        if (!showAll) {
            rows = rows.stream().filter(r -> r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED)
                    .toList();
        }
        int limit = latest ? 1 : last != null && last >= 0 ? last : Integer.MAX_VALUE;
        rows = rows.stream().limit(limit).toList();
        if (quiet) {
            rows.forEach(r -> System.out.println(noTrunc ? r.id() : r.shortId()));
            return 0;
        }
        TextTable t = new TextTable().row("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        Instant now = Instant.now();
        for (ContainerRow r : rows) {
            ContainerDoc doc = ContainerDoc.fromJson(r.configJson());
            String command = "\"" + String.join(" ", ContainerViews.command(ctx, doc)) + "\"";
            if (!noTrunc && command.codePointCount(0, command.length()) > 20) {
                command = command.substring(0, command.offsetByCodePoints(0, 19)) + "…";
            }
            t.row(noTrunc ? r.id() : r.shortId(), ContainerViews.image(r), command,
                    HumanTime.ago(Duration.between(r.created(), now)), status(r, now), "", r.name());
        }
        System.out.print(t.render());
        return 0;
    }

    static String status(ContainerRow r, Instant now) {
        var s = r.status();
        return switch (r.state()) {
            case CREATED, CREATING -> "Created";
            case RUNNING -> "Up " + HumanTime.duration(Duration.between(s.startedAt(), now));
            case PAUSED -> "Up " + HumanTime.duration(Duration.between(s.startedAt(), now)) + " (Paused)";
            case EXITED -> "Exited (" + (s.exitCode() == null ? 0 : s.exitCode()) + ") "
                    + HumanTime.ago(Duration.between(s.finishedAt() != null ? s.finishedAt() : r.created(), now));
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
        };
    }
}

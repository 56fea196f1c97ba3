package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.cli.TextTable;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.runtime.ContainerQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hull top CONTAINER}: the processes of the container's cgroup, with docker's default columns. */
@Command(name = "top", description = "Display the running processes of a container.")
public final class TopCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(paramLabel = "CONTAINER") String container;

    @Override
    public Integer call() {
        var ctx = HullCli.engine(spec);
        ContainerRow row = ContainerViews.refreshed(ctx, ctx.db().containers().lookup(container));
        if (row.state() != ContainerState.RUNNING && row.state() != ContainerState.PAUSED) {
            throw new EngineException("container " + row.id() + " is not running", 1);
        }
        TextTable t = new TextTable().row("UID", "PID", "PPID", "CMD");
        for (int pid : ContainerQuery.pids(ctx.runtime(), row.id())) {
            try {
                String status = Files.readString(Path.of("/proc/" + pid + "/status"));
                String uid = field(status, "Uid:").split("\\s+")[0];
                String ppid = field(status, "PPid:");
                byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
                String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
                t.row(uid, Integer.toString(pid), ppid, cmd);
            } catch (IOException e) {
                // exited while listing
            }
        }
        System.out.print(t.render());
        return 0;
    }

    private static String field(String status, String key) {
        return status.lines().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(key.length()).strip())
                .orElse("");
    }
}

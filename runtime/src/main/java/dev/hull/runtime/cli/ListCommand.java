package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerQuery;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.StateJson;
import dev.hull.runtime.state.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", aliases = "ls", description = "List containers.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-f", "--format"}, description = "table or json")
    String format = "table";

    @Option(names = {"-q", "--quiet"}, description = "print ids only")
    boolean quiet;

    @Override
    public Integer call() {
        List<ContainerQuery.Entry> entries = ContainerQuery.list(app.context());
        if (quiet) {
            entries.forEach(e -> System.out.println(e.record().id()));
            return 0;
        }
        switch (format) {
            case "json" -> System.out.println(json(entries));
            case "table" -> System.out.print(table(entries));
            default -> throw new ContainerException("invalid format \"" + format + "\": use table or json");
        }
        return 0;
    }

    private static String json(List<ContainerQuery.Entry> entries) {
        ObjectMapper m = new ObjectMapper();
        ArrayNode a = m.createArrayNode();
        for (ContainerQuery.Entry e : entries) {
            ContainerRecord r = e.record();
            ObjectNode n = a.addObject();
            n.put("ociVersion", StateJson.OCI_VERSION);
            n.put("id", r.id());
            n.put("pid", e.status() == Status.STOPPED ? 0 : r.pid());
            n.put("status", e.status().word());
            n.put("bundle", r.bundle());
            n.put("rootfs", r.rootfs());
            n.put("created", r.created());
            n.put("owner", r.owner() == null ? "" : r.owner());
        }
        return a.toString();
    }

    /** runc's tab-aligned table. */
    private static String table(List<ContainerQuery.Entry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
        for (ContainerQuery.Entry e : entries) {
            ContainerRecord r = e.record();
            rows.add(new String[] {r.id(), Integer.toString(e.status() == Status.STOPPED ? 0 : r.pid()),
                e.status().word(), r.bundle(), r.created(), r.owner() == null ? "" : r.owner()});
        }
        return Table.format(rows);
    }
}

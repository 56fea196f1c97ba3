package dev.hull.cli.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerDoc;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.spec.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hull inspect CONTAINER...}: docker's JSON shape (the fields hull has), or -f with field paths. */
@Command(name = "inspect", description = "Return low-level information on containers.")
public final class InspectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}) String format;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() throws Exception {
        EngineContext ctx = HullCli.engine(spec);
        ArrayNode all = JSON.createArrayNode();
        int status = 0;
        for (String ref : containers) {
            try {
                ObjectNode n = view(ctx, ContainerViews.refreshed(ctx, ctx.db().containers().lookup(ref)));
                if (format != null) {
                    System.out.println(FieldTemplate.render(format, n));
                } else {
                    all.add(n);
                }
            } catch (RuntimeException e) {
                System.err.println("Error: " + e.getMessage());
                status = 1;
            }
        }
        if (format == null) {
            System.out.println(JSON.writeValueAsString(all));
        }
        return status;
    }

    static ObjectNode view(EngineContext ctx, ContainerRow r) {
        ContainerDoc doc = ContainerDoc.fromJson(r.configJson());
        RunOptions o = doc.options();
        List<String> cmd = ContainerViews.command(ctx, doc);
        ObjectNode n = JSON.createObjectNode();
        n.put("Id", r.id());
        n.put("Created", r.created().toString());
        n.put("Path", cmd.isEmpty() ? "" : cmd.getFirst());
        n.set("Args", JSON.valueToTree(cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size())));
        var s = r.status();
        ObjectNode st = n.putObject("State");
        st.put("Status", r.state() == ContainerState.CREATING ? "created" : r.state().word());
        st.put("Running", r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED);
        st.put("Paused", r.state() == ContainerState.PAUSED);
        st.put("Restarting", false);
        st.put("OOMKilled", false);
        st.put("Dead", r.state() == ContainerState.DEAD);
        st.put("Pid", s.init().pid());
        st.put("ExitCode", s.exitCode() == null ? 0 : s.exitCode());
        st.put("Error", "");
        st.put("StartedAt", time(s.startedAt()));
        st.put("FinishedAt", time(s.finishedAt()));
        n.put("Image", r.imageId());
        n.put("LogPath", ctx.layout().logFile(r.id()).toString());
        n.put("Name", "/" + r.name());
        n.put("RestartCount", s.restartCount());
        ObjectNode hc = n.putObject("HostConfig");
        hc.putObject("RestartPolicy").put("Name", doc.restart().word()).put("MaximumRetryCount",
                doc.restart().maxRetries());
        hc.put("AutoRemove", doc.autoRemove());
        hc.put("Privileged", o.privileged());
        hc.put("ReadonlyRootfs", o.readOnly());
        hc.put("Memory", o.memory() == null ? 0 : o.memory());
        hc.put("MemorySwap", o.memorySwap() == null ? 0 : o.memorySwap());
        hc.put("NanoCpus", o.cpus() == null ? 0 : Math.round(o.cpus() * 1e9));
        hc.put("CpuShares", o.cpuShares() == null ? 0 : o.cpuShares());
        hc.put("PidsLimit", o.pidsLimit());
        hc.set("CapAdd", JSON.valueToTree(o.capAdd()));
        hc.set("CapDrop", JSON.valueToTree(o.capDrop()));
        hc.put("ShmSize", o.shmSize());
        ObjectNode c = n.putObject("Config");
        c.put("Hostname", o.hostname() != null ? o.hostname() : r.id().substring(0, 12));
        c.put("User", o.user() == null ? "" : o.user());
        c.put("Tty", o.tty());
        c.put("OpenStdin", doc.interactive());
        c.set("Env", JSON.valueToTree(o.env()));
        c.set("Cmd", JSON.valueToTree(o.cmd()));
        c.set("Entrypoint", o.entrypoint() == null ? null : JSON.valueToTree(o.entrypoint()));
        c.put("WorkingDir", o.workdir() == null ? "" : o.workdir());
        c.set("Labels", JSON.valueToTree(r.labels()));
        c.put("StopSignal", doc.stopSignal());
        c.put("StopTimeout", doc.stopTimeout());
        return n;
    }

    private static String time(Instant t) {
        return t == null ? ZERO_TIME : t.toString();
    }
}

package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "ps", description = "List the processes of a container (ps's own options may follow the id).")
final class PsCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-f", "--format"}, description = "table or json")
    String format = "table";

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1..*", paramLabel = "PS_ARGS")
    List<String> psArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Integer> pids = ContainerQuery.pids(app.context(), id);
        if (format.equals("json")) {
            System.out.println(pids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
            return 0;
        }
        if (!format.equals("table")) {
            throw new ContainerException("invalid format \"" + format + "\": use table or json");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("ps");
        cmd.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            lines = r.lines().toList();
        }
        if (p.waitFor() != 0 || lines.isEmpty()) {
            throw new ContainerException("ps " + String.join(" ", cmd.subList(1, cmd.size())) + " failed: "
                    + String.join(" ", lines));
        }
        int pidColumn = List.of(lines.getFirst().trim().split("\\s+")).indexOf("PID");
        if (pidColumn < 0) {
            throw new ContainerException("ps output has no PID column");
        }
        Set<String> wanted = new HashSet<>();
        pids.forEach(pid -> wanted.add(pid.toString()));
        System.out.println(lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > pidColumn && wanted.contains(f[pidColumn])) {
                System.out.println(line);
            }
        }
        return 0;
    }
}

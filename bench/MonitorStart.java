import dev.hull.runtime.ContainerCreate;
import dev.hull.runtime.ContainerStart;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.monitor.MonitorOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts N containers of BUNDLE (a long sleep), each watched by its own hull-monitor
 * with a json-file log, and prints each monitor's pid; bench/monitor-rss.sh measures
 * them and deletes the containers. Single-file program:
 *
 *   java --enable-native-access=ALL-UNNAMED -cp 'runtime/target/hull-runtime.jar:runtime/target/lib/*' \
 *        -Dhull.init=hull-init/target/hull-init bench/MonitorStart.java STATE_ROOT WORK BUNDLE N
 */
public final class MonitorStart {

    public static void main(String[] args) throws Exception {
        RuntimeContext ctx = RuntimeContext.of(Path.of(args[0]), false);
        Path work = Path.of(args[1]);
        Path bundle = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        for (int i = 0; i < n; i++) {
            String id = "monrss-" + i;
            Path dir = Files.createDirectories(work.resolve(id));
            MonitorOptions m = new MonitorOptions(MonitorOptions.locate(ctx.hullInit()), dir, dir.resolve("ctr.log"),
                    10_000_000, 3, false, false, List.of());
            ContainerCreate.create(ctx, new ContainerCreate.Request(id, bundle, null, null, false, 0, false, m));
            ContainerStart.start(ctx, id);
            System.out.println(id + " " + Files.readString(dir.resolve("monitor.pid")).trim());
        }
    }
}

package dev.hull.engine.container;

import dev.hull.engine.db.ConflictException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.ProcessIdentity;
import dev.hull.engine.db.StateChange;
import dev.hull.engine.spec.ContainerSpecBuilder;
import dev.hull.engine.spec.NamespaceMode;
import dev.hull.engine.spec.RunOptions;
import dev.hull.engine.spec.UserResolver;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.runtime.ContainerCreate;
import dev.hull.runtime.ContainerDelete;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerStart;
import dev.hull.runtime.monitor.MonitorOptions;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * start: the runtime configuration from the stored options, the root filesystem,
 * the /etc files, then the runtime container under its own hull-monitor, started.
 * A container that cannot start is left exited with docker's code (127: command
 * not found, 126: not executable) and nothing of the attempt behind.
 */
public final class StartContainer {

    private StartContainer() {
    }

    public static ContainerRow start(EngineContext ctx, String ref) {
        return start(ctx, ref, m -> { }, false);
    }

    /**
     * @param beforeStart runs once the container exists and before its process starts:
     *                    where a foreground run attaches, so that no output is missed
     * @param restart     counts as a restart (policy or {@code restart})
     */
    public static ContainerRow start(EngineContext ctx, String ref, Consumer<MonitorOptions> beforeStart,
                                     boolean restart) {
        return start(ctx, ref, beforeStart, restart, null);
    }

    /**
     * @param consoleSize {rows, cols} the container's terminal starts with (the size of the
     *                    terminal a foreground run is attached to), or null
     */
    public static ContainerRow start(EngineContext ctx, String ref, Consumer<MonitorOptions> beforeStart,
                                     boolean restart, int[] consoleSize) {
        String id = ctx.db().containers().lookup(ref).id();
        try (ContainerLock lock = ContainerLock.acquire(ctx.layout(), id)) {
            ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(id));
            switch (row.state()) {
                case RUNNING, PAUSED -> {
                    return row;
                }
                case CREATED, EXITED -> { }
                default -> throw new EngineException("cannot start container " + row.name() + ": it is "
                        + row.state().word());
            }
            // under the lock, a runtime container of a container that is not running is what an
            // interrupted start (or the database's repair, which cannot reach the runtime) left
            ExitRecorder.releaseRuntime(ctx, row);
            return startLocked(ctx, row, beforeStart, restart, consoleSize);
        }
    }

    private static ContainerRow startLocked(EngineContext ctx, ContainerRow row, Consumer<MonitorOptions> beforeStart,
                                            boolean restart, int[] consoleSize) {
        String id = row.id();
        ContainerDoc doc = ContainerDoc.fromJson(row.configJson());
        // the container's cgroup: its ID under --cgroup-parent, as docker names it (default /hull)
        String parent = doc.options().cgroupsPath() == null ? "/hull" : doc.options().cgroupsPath();
        RunOptions o = doc.options().withCgroupsPath((parent.endsWith("/") ? parent : parent + "/") + id);
        Path monitorDir = ctx.layout().monitorDir(id);
        try {
            Cleanup.deleteTree(monitorDir);
            Files.createDirectories(monitorDir);
            Files.deleteIfExists(ctx.layout().stoppedMarker(id));
        } catch (IOException e) {
            throw new EngineException("start " + row.name() + ": " + e.getMessage(), e);
        }
        boolean created = false;
        ContainerState state = row.state();
        try {
            Path rootfs = ctx.rootfs(doc).prepare(id, doc);
            String hostname = o.uts().kind() == NamespaceMode.Kind.PRIVATE
                    ? (o.hostname() != null ? o.hostname() : id.substring(0, 12)) : null;
            Map<String, String> etc = EtcFiles.write(ctx.layout().containerDir(id), hostname, doc.addHosts(),
                    doc.dns(), o.network().kind() == NamespaceMode.Kind.HOST);
            Spec spec = ContainerSpecBuilder.build(id, o, ctx.rootfs(doc).imageConfig(doc), rootfs.toString(),
                    new UserResolver(rootfs), etc, DeviceNodes.probe(o.devices()));
            if (o.tty() && consoleSize != null) {
                spec = spec.withProcess(spec.process().withTerminal(true,
                        new dev.hull.runtime.spec.ConsoleSize(consoleSize[0], consoleSize[1])));
            }
            Path bundle = Files.createDirectories(ctx.layout().bundleDir(id));
            Files.writeString(bundle.resolve("config.json"), SpecIO.write(spec));
            List<String> exitCommand = new ArrayList<>(ctx.exitCommand());
            if (!exitCommand.isEmpty()) {
                exitCommand.add(id);
            }
            MonitorOptions m = new MonitorOptions(ctx.monitorBinary(), monitorDir, ctx.layout().logFile(id),
                    doc.logMaxSize(), doc.logMaxFiles(), o.tty(), doc.interactive(), exitCommand);
            var made = ContainerCreate.create(ctx.runtime(), new ContainerCreate.Request(id, bundle, null, null,
                    false, 0, false, m));
            created = true;
            // recorded while the init waits for start: still right if it exits at once. The row says
            // running before the process runs, so a crash from here on never leaves a running process
            // behind a row that says created (ExitRecorder finds a start that never happened).
            ProcessIdentity init = new ProcessIdentity(made.record().pid(), made.record().startTicks());
            StateChange change = restart ? StateChange.restarted(init, Instant.now())
                    : StateChange.started(init, Instant.now());
            ContainerRow running = ctx.db().containers().transition(id, state, change);
            state = ContainerState.RUNNING;
            beforeStart.accept(m);
            ContainerStart.start(ctx.runtime(), id);
            return running;
        } catch (ContainerException | IOException | IllegalArgumentException e) {
            if (created) {
                Cleanup.quietly(() -> ContainerDelete.delete(ctx.runtime(), id, true));
            }
            Cleanup.quietly(() -> ctx.rootfs(doc).release(id));
            int code = exitCodeFor(e.getMessage());
            if (state != ContainerState.EXITED) {
                try {
                    ctx.db().containers().transition(id, state, StateChange.exited(code, Instant.now()));
                } catch (ConflictException ignored) {
                    // removed by another command meanwhile
                }
            }
            throw new EngineException(e.getMessage(), code);
        }
    }

    /** docker's exit codes for a command that cannot run: 127 not found, 126 not executable, else 125. */
    static int exitCodeFor(String message) {
        String m = String.valueOf(message);
        if (m.contains("No such file or directory") || m.contains("not found")) {
            return 127;
        }
        if (m.contains("Permission denied") || m.contains("Exec format error")) {
            return 126;
        }
        return 125;
    }
}

package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.cgroup.CgroupPaths;
import dev.hull.runtime.cgroup.DeviceRule;
import dev.hull.runtime.cgroup.DeviceRules;
import dev.hull.runtime.cgroup.Resources;
import dev.hull.runtime.hooks.HookRunner;
import dev.hull.runtime.init.InitMessage;
import dev.hull.runtime.init.InitProcess;
import dev.hull.runtime.monitor.MonitorOptions;
import dev.hull.runtime.plan.CreateOptions;
import dev.hull.runtime.plan.MountPoints;
import dev.hull.runtime.plan.Plan;
import dev.hull.runtime.plan.PlanCompiler;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;
import dev.hull.runtime.spec.SpecValidator;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.ProcStat;
import dev.hull.runtime.state.StateJson;
import dev.hull.runtime.state.Status;
import dev.hull.sys.Libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * create: turns a bundle into a container whose init process waits for start.
 * Every step that makes something has its undo; a failure at any step removes
 * all of it (process, cgroup, state directory) before the error is reported.
 */
public final class ContainerCreate {

    /**
     * @param waitForExit keep the launcher as the init's parent and waiting, so that
     *                    {@link Created#init()} reports the exit status ({@code run} in the foreground)
     */
    public record Request(String id, Path bundle, Path pidFile, String consoleSocket, boolean noPivot,
                          int preserveFds, boolean waitForExit, MonitorOptions monitor) {

        public Request(String id, Path bundle, Path pidFile, String consoleSocket, boolean noPivot,
                       int preserveFds, boolean waitForExit) {
            this(id, bundle, pidFile, consoleSocket, noPivot, preserveFds, waitForExit, null);
        }

        /**
         * With a monitor the init's pid goes to the monitor's pid file, the console
         * socket is the monitor's, and nobody here waits for the exit.
         */
        public Request {
            if (monitor != null) {
                if (waitForExit) {
                    throw new IllegalArgumentException("a monitored container is waited for by its monitor");
                }
                if (monitor.tty()) {
                    consoleSocket = MonitorOptions.CONSOLE_SOCKET;
                }
            }
        }
    }

    /** The created container; {@code init} is open only with {@code waitForExit}. */
    public record Created(ContainerRecord record, Spec spec, InitProcess init) {
    }

    private ContainerCreate() {
    }

    public static Created create(RuntimeContext ctx, Request req) {
        Path bundle = req.bundle().toAbsolutePath().normalize();
        Spec spec = SpecIO.read(bundle.resolve("config.json"));
        SpecValidator.validate(spec, bundle);
        Path rootfs = Specs.rootfs(spec, bundle);

        ctx.store().create(req.id());
        Cgroup cgroup = null;
        InitProcess init = null;
        ContainerRecord record = null;
        try {
            Files.copy(bundle.resolve("config.json"), ctx.store().config(req.id()));
            String cgroupPath = CgroupPaths.resolve(Specs.cgroupsPath(spec), req.id(), ctx.systemdCgroup());
            cgroup = Cgroup.create(ctx.cgroups(), cgroupPath);
            DeviceRules.apply(ctx.cgroups(), cgroup, DeviceRule.forContainer(spec.linuxOrEmpty().resources(),
                    spec.linuxOrEmpty().devices()));
            Resources.of(ctx.cgroups(), cgroup).apply(spec.linuxOrEmpty().resources());
            Path fifo = ctx.store().startFifo(req.id());
            Libc.mkfifo(fifo.toString(), 0622);
            allowMappedRoot(spec, ctx.store().dir(req.id()), fifo);

            Plan plan = PlanCompiler.compileCreate(spec, new CreateOptions(bundle, rootfs, fifo, req.consoleSocket(),
                    req.noPivot(), req.preserveFds(), cgroup.procsFiles(), Specs.cgroupMounts(ctx.cgroups(), cgroup),
                    req.waitForExit(), Specs.hostLsm(), MountPoints.holding(rootfs)), Specs.SECCOMP);
            record = new ContainerRecord(req.id(), 0, 0, bundle.toString(), rootfs.toString(),
                    Instant.now().toString(), System.getProperty("user.name"), spec.annotations(),
                    cgroup.dirs().stream().map(Path::toString).toList());
            init = InitProcess.start(ctx.hullInit(), plan, req.preserveFds(), req.monitor());
            record = follow(ctx, init, record, spec);
            if (!req.waitForExit()) {
                init.waitLauncher();
                init.close();
                init = null;
            }
            if (req.monitor() != null) {
                writePidFile(req.monitor().pidFile(), record.pid());
            }
            if (req.pidFile() != null) {
                writePidFile(req.pidFile(), record.pid());
            }
            return new Created(record, spec, init);
        } catch (RuntimeException | IOException e) {
            rollback(ctx, req.id(), init, cgroup);
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("create container \"" + req.id() + "\": " + e.getMessage(), e);
        }
    }

    /** Reads hull-init's messages until the container is ready, running runtime hooks at the sync point. */
    private static ContainerRecord follow(RuntimeContext ctx, InitProcess init, ContainerRecord record, Spec spec) {
        while (true) {
            InitMessage m = init.next();
            switch (m) {
                case InitMessage.Pid p -> {
                    record = record.withPid(p.pid(), ProcStat.startTicks(p.pid()));
                    ctx.store().write(record);
                }
                case InitMessage.Sync s -> {
                    String state = StateJson.spec(record, Status.CREATING).toString();
                    HookRunner.run("prestart", Specs.hooks(spec).prestart(), state);
                    HookRunner.run("createRuntime", Specs.hooks(spec).createRuntime(), state);
                    init.sendContinue(state);
                }
                case InitMessage.Ready r -> {
                    return record;
                }
                case InitMessage.Error e -> throw new ContainerException(e.message());
                case InitMessage.Exit e -> throw new ContainerException(
                        "container init exited during create with status " + e.shellStatus());
                case InitMessage.Closed c -> {
                    int status = init.waitLauncher().shellStatus();
                    throw new ContainerException("hull-init exited (status " + status
                            + ") before the container was ready");
                }
            }
        }
    }

    private static void rollback(RuntimeContext ctx, String id, InitProcess init, Cgroup cgroup) {
        List<String> problems = new ArrayList<>();
        // kill before closing the channel: a child that sees the channel close would
        // report a second, confusing error of its own
        if (cgroup != null) {
            try {
                Processes.killAndWait(cgroup, 5000);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (init != null) {
            init.close();
        }
        if (cgroup != null) {
            try {
                cgroup.remove();
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            ctx.store().remove(id);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            System.err.println("warning: cleanup after failed create: " + String.join("; ", problems));
        }
    }

    /**
     * In a new user namespace the init opens the start fifo as the host uid that its
     * root maps to, so (as runc does) the fifo belongs to that uid and the state
     * directory can be traversed.
     */
    private static void allowMappedRoot(Spec spec, Path stateDir, Path fifo) throws IOException {
        var linux = spec.linuxOrEmpty();
        boolean newUserNs = linux.namespaces().stream().anyMatch(n -> n.type().equals("user") && n.path() == null);
        if (!newUserNs) {
            return;
        }
        Files.setPosixFilePermissions(stateDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Files.setAttribute(fifo, "unix:uid", (int) hostIdOfRoot(linux.uidMappings()));
        Files.setAttribute(fifo, "unix:gid", (int) hostIdOfRoot(linux.gidMappings()));
    }

    private static long hostIdOfRoot(List<dev.hull.runtime.spec.IdMapping> maps) {
        for (var m : maps) {
            if (m.containerID() == 0) {
                return m.hostID();
            }
        }
        return 0;
    }

    static void writePidFile(Path pidFile, int pid) throws IOException {
        Path abs = pidFile.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(pid));
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

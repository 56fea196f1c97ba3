package dev.hull.runtime;

import dev.hull.runtime.init.InitMessage;
import dev.hull.runtime.init.InitProcess;
import dev.hull.runtime.plan.ExecOptions;
import dev.hull.runtime.plan.NamespaceJoin;
import dev.hull.runtime.plan.PlanCompiler;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;
import dev.hull.runtime.state.ContainerRecord;
import dev.hull.runtime.state.Status;
import dev.hull.runtime.state.StatusProbe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * exec: starts another process inside a running container, joining every one of
 * its namespaces and its cgroup.
 */
public final class ContainerExec {

    public record Request(String id, dev.hull.runtime.spec.Process process, String consoleSocket, boolean detach,
                          Path pidFile, int preserveFds) {
    }

    /** A started exec; {@code init} is open (and reports the exit) unless detached. */
    public record Started(int pid, InitProcess init) {
        /** Waits for the process to end and returns its shell-style status (128+signal if killed). */
        public int await() {
            try {
                while (true) {
                    InitMessage m = init.next();
                    if (m instanceof InitMessage.Exit e) {
                        return e.shellStatus();
                    }
                    if (m instanceof InitMessage.Error e) {
                        throw new ContainerException(e.message());
                    }
                    if (m instanceof InitMessage.Closed) {
                        return init.waitLauncher().shellStatus();
                    }
                }
            } finally {
                init.close();
            }
        }
    }

    private ContainerExec() {
    }

    public static Started exec(RuntimeContext ctx, Request req) {
        ContainerRecord r = ctx.store().load(req.id());
        Status status = StatusProbe.status(r, ctx.store().startFifo(req.id()));
        if (status != Status.RUNNING && status != Status.CREATED) {
            throw new ContainerException("cannot exec in container \"" + req.id() + "\": it is " + status.word());
        }
        Spec spec = SpecIO.read(ctx.store().config(req.id()));
        List<NamespaceJoin> joins = Specs.namespaceJoins(spec, r.pid());
        List<Path> procs = r.cgroupDirs().stream().map(d -> Path.of(d).resolve("cgroup.procs")).toList();
        var plan = PlanCompiler.compileExec(spec, req.process(), new ExecOptions(r.pid(), joins, procs,
                req.consoleSocket(), req.detach(), req.preserveFds(), Specs.hostLsm()), Specs.SECCOMP);
        InitProcess init = InitProcess.start(ctx.hullInit(), plan, req.preserveFds());
        int pid = 0;
        try {
            while (true) {
                InitMessage m = init.next();
                switch (m) {
                    case InitMessage.Pid p -> pid = p.pid();
                    case InitMessage.Ready ready -> {
                        if (req.pidFile() != null) {
                            ContainerCreate.writePidFile(req.pidFile(), pid);
                        }
                        if (req.detach()) {
                            init.waitLauncher();
                            init.close();
                            return new Started(pid, null);
                        }
                        return new Started(pid, init);
                    }
                    case InitMessage.Error e -> throw new ContainerException(e.message());
                    case InitMessage.Sync s -> init.sendContinue("");
                    case InitMessage.Exit e -> throw new ContainerException(
                            "exec process exited before it was ready, status " + e.shellStatus());
                    case InitMessage.Closed c -> throw new ContainerException(
                            "hull-init exited (status " + init.waitLauncher().shellStatus() + ") during exec");
                }
            }
        } catch (RuntimeException | IOException e) {
            init.close();
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("exec in container \"" + req.id() + "\": " + e.getMessage(), e);
        }
    }
}

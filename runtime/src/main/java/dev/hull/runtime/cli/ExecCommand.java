package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerExec;
import dev.hull.runtime.ContainerQuery;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.spec.ConsoleSize;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;
import dev.hull.runtime.spec.SpecValidator;
import dev.hull.runtime.spec.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "exec", description = "Run a process inside a running container.")
final class ExecCommand implements Callable<Integer> {

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-p", "--process"}, description = "process.json describing the process (overrides the flags)")
    Path processFile;

    @Option(names = "--console-socket")
    String consoleSocket;

    @Option(names = "--cwd")
    String cwd;

    @Option(names = {"-e", "--env"})
    List<String> env = new ArrayList<>();

    @Option(names = {"-t", "--tty"})
    boolean tty;

    @Option(names = {"-u", "--user"}, description = "UID[:GID]")
    String user;

    @Option(names = {"-g", "--additional-gids"})
    List<Long> additionalGids = new ArrayList<>();

    @Option(names = {"-c", "--cap"})
    List<String> caps = new ArrayList<>();

    @Option(names = {"-d", "--detach"})
    boolean detach;

    @Option(names = "--pid-file")
    Path pidFile;

    @Option(names = "--no-new-privs")
    boolean noNewPrivs;

    @Option(names = "--apparmor")
    String apparmor;

    @Option(names = "--process-label")
    String processLabel;

    @Option(names = "--preserve-fds")
    int preserveFds;

    @Option(names = "--ignore-paused", description = "accepted for runc compatibility")
    boolean ignorePaused;

    @Option(names = "--cgroup", description = "accepted for runc compatibility (the container's cgroup is used)")
    String cgroup;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    /** Like runc, a failure to start the process exits 255; the process's own status is passed through. */
    @Override
    public Integer call() {
        try {
            return execute();
        } catch (RuntimeException e) {
            return app.fail(e, 255);
        }
    }

    private Integer execute() {
        var ctx = app.context();
        Process process = processFile != null ? SpecIO.readProcess(processFile) : fromFlags(ctx);
        SpecValidator.validateProcess(process, processFile != null ? processFile.toString() : "exec");
        ContainerExec.Started s = ContainerExec.exec(ctx, new ContainerExec.Request(id, process, consoleSocket,
                detach, pidFile, preserveFds));
        if (detach) {
            return 0;
        }
        SignalForwarder.install(s::pid);
        return s.await();
    }

    /** Like runc: the container's process, with the command and flags applied over it. */
    private Process fromFlags(dev.hull.runtime.RuntimeContext ctx) {
        if (command.isEmpty()) {
            throw new ContainerException("exec: no command given (pass COMMAND or --process)");
        }
        ContainerQuery.state(ctx, id);
        Spec spec = SpecIO.read(ctx.store().config(id));
        Process p = spec.process().withArgs(command).withTerminal(tty, tty ? spec.process().consoleSize() : null);
        if (!env.isEmpty()) {
            List<String> merged = new ArrayList<>(p.env());
            merged.addAll(env);
            p = p.withEnv(merged);
        }
        if (cwd != null) {
            p = p.withCwd(cwd);
        }
        if (user != null || !additionalGids.isEmpty()) {
            User base = p.user() == null ? User.ROOT : p.user();
            long uid = base.uid();
            long gid = base.gid();
            if (user != null) {
                String[] ug = user.split(":", 2);
                try {
                    uid = Long.parseLong(ug[0]);
                    gid = ug.length > 1 ? Long.parseLong(ug[1]) : gid;
                } catch (NumberFormatException e) {
                    throw new ContainerException("exec: --user \"" + user + "\": expected UID[:GID] as numbers");
                }
            }
            p = p.withUser(new User(uid, gid, base.umask(), additionalGids.isEmpty() ? base.additionalGids()
                    : additionalGids));
        }
        if (!caps.isEmpty()) {
            Capabilities c = p.capabilities() == null ? Capabilities.NONE : p.capabilities();
            p = p.withCapabilities(withAdded(c, caps));
        }
        if (noNewPrivs) {
            p = p.withNoNewPrivileges(true);
        }
        if (apparmor != null) {
            p = p.withApparmorProfile(apparmor);
        }
        if (processLabel != null) {
            p = p.withSelinuxLabel(processLabel);
        }
        return p;
    }

    /** runc exec --cap adds to bounding, effective and permitted (ambient would need inheritable too). */
    private static Capabilities withAdded(Capabilities c, List<String> add) {
        return new Capabilities(union(c.bounding(), add), union(c.effective(), add), c.inheritable(),
                union(c.permitted(), add), c.ambient());
    }

    private static List<String> union(List<String> base, List<String> add) {
        List<String> out = new ArrayList<>(base == null ? List.of() : base);
        for (String a : add) {
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}

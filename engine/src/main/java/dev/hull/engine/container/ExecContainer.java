package dev.hull.engine.container;

import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.spec.CapabilitySet;
import dev.hull.engine.spec.UserResolver;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerExec;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecIO;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * exec: another process in a running container, with the container's environment,
 * user, working directory and capabilities unless the flags say otherwise. In the
 * foreground it inherits the caller's stdio (or the terminal behind
 * {@code consoleSocket}) and its exit code is returned; detached, 0 once it runs.
 */
public final class ExecContainer {

    /** docker exec's flags. */
    public record Request(List<String> cmd, List<String> env, String user, String workdir, boolean tty,
                          boolean detach, boolean privileged, String consoleSocket) {
        public Request {
            cmd = List.copyOf(cmd);
            env = List.copyOf(env);
        }
    }

    private ExecContainer() {
    }

    public static int exec(EngineContext ctx, String ref, Request r) {
        ContainerRow row = ExitRecorder.refresh(ctx, ctx.db().containers().lookup(ref));
        if (row.state() == ContainerState.PAUSED) {
            throw new EngineException("container " + row.id() + " is paused, unpause the container before exec", 1);
        }
        if (row.state() != ContainerState.RUNNING) {
            throw new EngineException("container " + row.id() + " is not running", 1);
        }
        if (r.cmd().isEmpty()) {
            throw new EngineException("exec needs a command to run");
        }
        Spec spec = SpecIO.read(ctx.layout().bundleDir(row.id()).resolve("config.json"));
        Process base = spec.process();
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : base.env()) {
            int eq = kv.indexOf('=');
            env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        for (String kv : r.env()) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (r.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        var user = r.user() != null ? new UserResolver(Path.of(spec.root().path())).resolve(r.user()) : base.user();
        Capabilities caps = r.privileged()
                ? new Capabilities(CapabilitySet.resolve(List.of(), List.of(), true),
                        CapabilitySet.resolve(List.of(), List.of(), true), null,
                        CapabilitySet.resolve(List.of(), List.of(), true), null)
                : base.capabilities();
        Process p = new Process(r.tty(), null, user, r.cmd(),
                env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                r.workdir() != null ? r.workdir() : base.cwd(), caps, base.rlimits(), base.noNewPrivileges(),
                base.apparmorProfile(), null, base.selinuxLabel(), null, null);
        try {
            ContainerExec.Started s = ContainerExec.exec(ctx.runtime(), new ContainerExec.Request(row.id(), p,
                    r.tty() ? r.consoleSocket() : null, r.detach(), null, 0));
            return r.detach() ? 0 : s.await();
        } catch (ContainerException e) {
            throw new EngineException(e.getMessage(), StartContainer.exitCodeFor(e.getMessage()) == 125 ? 126
                    : StartContainer.exitCodeFor(e.getMessage()));
        }
    }
}

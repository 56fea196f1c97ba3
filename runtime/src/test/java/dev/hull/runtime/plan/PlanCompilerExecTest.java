package dev.hull.runtime.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hull.runtime.spec.ConsoleSize;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Rlimit;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecException;
import dev.hull.runtime.spec.User;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.hull.runtime.plan.PlanFixtures.PROCS;
import static dev.hull.runtime.plan.PlanFixtures.encodable;
import static dev.hull.runtime.plan.PlanFixtures.first;
import static dev.hull.runtime.plan.PlanFixtures.runcSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCompilerExecTest {

    private static Process ls() {
        return new Process(false, null, new User(1000, 1000, null, List.of()), List.of("ls", "-l"),
                List.of("PATH=/bin:/usr/bin"), "/tmp", null, List.of(new Rlimit("RLIMIT_NOFILE", 64, 64)), true,
                null, null, null, null, null);
    }

    private static ExecOptions options(boolean detach, String console) {
        return new ExecOptions(42, NamespaceJoin.forContainer(runcSpec(), 42), PROCS, console, detach, 0,
                HostLsm.NONE);
    }

    @Test
    void execJoinsTheContainerAndRunsTheProcess() {
        Plan plan = encodable(PlanCompiler.compileExec(runcSpec(), ls(), options(false, null)));
        assertThat(plan.describe()).isEqualTo(String.join("\n",
                "close inherited fds",
                "join cgroup /sys/fs/cgroup/memory/hull/c1/cgroup.procs",
                "join cgroup /sys/fs/cgroup/pids/hull/c1/cgroup.procs",
                "join pid namespace /proc/42/ns/pid",
                "join net namespace /proc/42/ns/net",
                "join ipc namespace /proc/42/ns/ipc",
                "join uts namespace /proc/42/ns/uts",
                "join mnt namespace /proc/42/ns/mnt",
                "clone the exec process",
                "setrlimit RLIMIT_NOFILE 64:64",
                "start a new session",
                "chdir to /tmp",
                "find executable \"ls\"",
                "set umask 0022",
                "set no_new_privs",
                "set uid 1000, gid 1000 and capabilities",
                "report ready",
                "exec \"ls\"") + "\n");
        assertThat(plan.cloneStep()).isEqualTo(new Step.Clone("clone the exec process", 0, Step.Clone.WAIT, "", ""));
        assertThat(plan.stepsOf(Step.SetNs.class)).last().isEqualTo(
                new Step.SetNs("join mnt namespace /proc/42/ns/mnt", "/proc/42/ns/mnt", 0x00020000));
        assertThat(plan.stepsOf(Step.Exec.class)).containsExactly(new Step.Exec("exec \"ls\"", List.of("ls", "-l"),
                List.of("PATH=/bin:/usr/bin")));
        assertThat(plan.stepsOf(Step.ResolveExec.class)).extracting(Step.ResolveExec::pathEnv)
                .containsExactly("/bin:/usr/bin");
        assertThat(plan.steps()).noneMatch(s -> s instanceof Step.OpenStartFifo || s instanceof Step.AwaitStart
                || s instanceof Step.Mount || s instanceof Step.PivotRoot || s instanceof Step.SetRoot);
    }

    @Test
    void detachedExecDoesNotWait() {
        Plan plan = encodable(PlanCompiler.compileExec(runcSpec(), ls(), options(true, null)));
        assertThat(plan.cloneStep().options()).isZero();
    }

    @Test
    void userNamespaceIsJoinedFirstAndMountLast() {
        List<NamespaceJoin> given = List.of(NamespaceJoin.of("mount", 9), NamespaceJoin.of("network", 9),
                NamespaceJoin.of("user", 9), NamespaceJoin.of("pid", 9));
        ExecOptions o = new ExecOptions(9, given, List.of(), null, false, 3, null);
        Plan plan = encodable(PlanCompiler.compileExec(runcSpec(), ls(), o));
        assertThat(plan.stepsOf(Step.SetNs.class)).extracting(Step.SetNs::path).containsExactly("/proc/9/ns/user",
                "/proc/9/ns/net", "/proc/9/ns/pid", "/proc/9/ns/mnt");
        assertThat(plan.stepsOf(Step.SetNs.class)).extracting(Step.SetNs::nsType).containsExactly(0x10000000,
                0x40000000, 0x20000000, 0x00020000);
        assertThat(plan.steps().get(0)).isEqualTo(new Step.PreserveFds("close inherited fds except 3 preserved", 3));
    }

    @Test
    void terminalExec() {
        Process p = ls().withTerminal(true, new ConsoleSize(24, 80));
        Plan plan = encodable(PlanCompiler.compileExec(runcSpec(), p, options(false, "/run/console.sock")));
        assertThat(first(plan, Step.ConsoleConnect.class)).isLessThan(first(plan, Step.SetNs.class));
        assertThat(plan.stepsOf(Step.Console.class)).containsExactly(new Step.Console("set up the terminal", 24, 80));
        assertThat(plan.stepsOf(Step.SetSid.class)).isEmpty();
        assertThatThrownBy(() -> PlanCompiler.compileExec(runcSpec(), p, options(false, null)))
                .isInstanceOf(SpecException.class)
                .hasMessage("exec: process.terminal is true, but no console socket was given (use --console-socket)");
    }

    @Test
    void invalidProcessIsRefused() {
        assertThatThrownBy(() -> PlanCompiler.compileExec(runcSpec(), ls().withArgs(List.of()), options(false, null)))
                .isInstanceOf(SpecException.class).hasMessage("exec: process.args must not be empty");
        assertThatThrownBy(() -> PlanCompiler.compileExec(runcSpec(), ls().withCwd("tmp"), options(false, null)))
                .hasMessage("exec: process.cwd \"tmp\" is not an absolute path");
        assertThatThrownBy(() -> PlanCompiler.compileExec(runcSpec(), ls().withApparmorProfile("x"),
                options(false, null)))
                .hasMessage("exec: process.apparmorProfile \"x\": AppArmor is not enabled on this host");
    }

    @Test
    void containerSeccompAppliesToExec() {
        Spec spec = runcSpec().withLinux(runcSpec().linux().withSeccomp(JsonNodeFactory.instance.objectNode()
                .put("defaultAction", "SCMP_ACT_ALLOW")));
        assertThatThrownBy(() -> PlanCompiler.compileExec(spec, ls(), options(false, null)))
                .hasMessage("exec: linux.seccomp: not supported yet");
        Step.Seccomp filter = new Step.Seccomp("load seccomp filter", 0, new byte[16]);
        Plan plan = encodable(PlanCompiler.compileExec(spec, ls(), options(false, null), s -> filter));
        assertThat(first(plan, Step.Seccomp.class)).isEqualTo(first(plan, Step.Credentials.class) + 1);
    }

    @Test
    void namespacesOfAContainer() {
        assertThat(NamespaceJoin.forContainer(runcSpec(), 42)).containsExactly(
                new NamespaceJoin("pid", "/proc/42/ns/pid"), new NamespaceJoin("network", "/proc/42/ns/net"),
                new NamespaceJoin("ipc", "/proc/42/ns/ipc"), new NamespaceJoin("uts", "/proc/42/ns/uts"),
                new NamespaceJoin("mount", "/proc/42/ns/mnt"));
        assertThat(NamespaceJoin.forContainer(dev.hull.runtime.spec.SpecDefaults.spec(true, true, 1, 1), 7))
                .first().isEqualTo(new NamespaceJoin("user", "/proc/7/ns/user"));
        assertThatThrownBy(() -> new NamespaceJoin("net", "/proc/1/ns/net"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExecOptions(1, null, null, null, false, 0, null).cgroupProcsFiles()).isEmpty();
        assertThat(Path.of(NamespaceJoin.of("time", 5).path())).isEqualTo(Path.of("/proc/5/ns/time"));
    }
}

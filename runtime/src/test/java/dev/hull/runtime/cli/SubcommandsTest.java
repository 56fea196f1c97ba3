package dev.hull.runtime.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class SubcommandsTest {

    @Test
    void theCommandNameSkipsGlobalOptionsAndTheirValues() {
        assertThat(Subcommands.commandName(new String[] {"--root", "/run/x", "--log", "l.json", "--log-format",
            "json", "--systemd-cgroup", "create", "--bundle", "b", "id"})).isEqualTo("create");
        assertThat(Subcommands.commandName(new String[] {"--debug", "state", "id"})).isEqualTo("state");
        assertThat(Subcommands.commandName(new String[] {"--version"})).isNull();
    }

    @Test
    void onlyTheInvokedCommandIsBuiltButUnknownOnesSeeThemAll() {
        CommandLine one = new CommandLine(new HullRuntimeCli());
        Subcommands.register(one, new String[] {"--root", "/r", "ls", "-q"});
        assertThat(one.getSubcommands().keySet()).containsExactlyInAnyOrder("list", "ls");

        CommandLine all = new CommandLine(new HullRuntimeCli());
        Subcommands.register(all, new String[] {"bogus"});
        assertThat(all.getSubcommands()).containsKeys("spec", "create", "start", "run", "state", "kill", "delete",
                "list", "ps", "exec", "features", "pause", "resume", "help");
    }

    @Test
    void theVersionBuildsNoCommandButHelpBuildsThemAll() {
        CommandLine version = new CommandLine(new HullRuntimeCli());
        Subcommands.register(version, new String[] {"--version"});
        assertThat(version.getSubcommands()).isEmpty();
        CommandLine help = new CommandLine(new HullRuntimeCli());
        Subcommands.register(help, new String[] {"--help"});
        assertThat(help.getSubcommands()).containsKeys("create", "exec", "help");
    }

    @Test
    void execKeepsOptionsAfterTheIdForTheProgram() {
        CommandLine cl = new CommandLine(new HullRuntimeCli());
        Subcommands.register(cl, new String[] {"exec", "id", "sh", "-c", "echo"});
        var parsed = cl.parseArgs("exec", "id", "sh", "-c", "echo");
        ExecCommand exec = (ExecCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(exec.command).containsExactly("sh", "-c", "echo");
        assertThat(exec.caps).isEmpty();
    }
}

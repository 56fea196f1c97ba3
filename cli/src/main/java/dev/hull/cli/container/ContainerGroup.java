package dev.hull.cli.container;

import picocli.CommandLine.Command;

/** {@code hull container ...}: docker's management-command forms, and the monitor's cleanup. */
@Command(name = "container", description = "Manage containers.",
        subcommands = {CleanupCommand.class, RunCommand.class, CreateCommand.class, StartCommand.class,
            StopCommand.class, KillCommand.class, RmCommand.class, PsCommand.class, LogsCommand.class,
            WaitCommand.class, ExecCommand.class, InspectCommand.class, PauseCommand.class, UnpauseCommand.class,
            RenameCommand.class, TopCommand.class, AttachCommand.class, StatsCommand.class, UpdateCommand.class})
public final class ContainerGroup {
}

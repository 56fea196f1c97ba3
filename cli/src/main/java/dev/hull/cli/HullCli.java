package dev.hull.cli;

import dev.hull.cli.container.AttachCommand;
import dev.hull.cli.container.ContainerGroup;
import dev.hull.cli.container.CreateCommand;
import dev.hull.cli.container.ExecCommand;
import dev.hull.cli.container.PauseCommand;
import dev.hull.cli.container.RenameCommand;
import dev.hull.cli.container.StatsCommand;
import dev.hull.cli.container.TopCommand;
import dev.hull.cli.container.UpdateCommand;
import dev.hull.cli.container.UnpauseCommand;
import dev.hull.cli.image.ImageGroup;
import dev.hull.cli.image.ImagesCommand;
import dev.hull.cli.image.RmiCommand;
import dev.hull.cli.image.TagCommand;
import dev.hull.cli.container.InspectCommand;
import dev.hull.cli.container.KillCommand;
import dev.hull.cli.container.LogsCommand;
import dev.hull.cli.container.PsCommand;
import dev.hull.cli.container.RmCommand;
import dev.hull.cli.container.RunCommand;
import dev.hull.cli.container.StartCommand;
import dev.hull.cli.container.StopCommand;
import dev.hull.cli.container.WaitCommand;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.MetadataException;
import dev.hull.engine.db.NotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code hull}: docker's command line over the engine, run in this process (no
 * daemon). Errors are one line, {@code Error: ...}, with docker's exit codes: 125
 * for hull's own errors and bad flags, 126/127 when the container's command cannot
 * run, 1 for a missing object, otherwise the container's own exit code.
 */
@Command(name = "hull", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "A container engine with docker's command line.",
        subcommands = {RunCommand.class, CreateCommand.class, StartCommand.class, StopCommand.class,
            KillCommand.class, RmCommand.class, PsCommand.class, LogsCommand.class, WaitCommand.class,
            ExecCommand.class, InspectCommand.class, PauseCommand.class, UnpauseCommand.class, RenameCommand.class,
            TopCommand.class, AttachCommand.class, StatsCommand.class, UpdateCommand.class, ImagesCommand.class, RmiCommand.class, TagCommand.class, ContainerGroup.class, ImageGroup.class, VersionCommand.class})
public final class HullCli {

    @CommandLine.Mixin
    public GlobalOptions globals = new GlobalOptions();

    /** The engine of the command line this (sub)command belongs to. */
    public static dev.hull.engine.container.EngineContext engine(CommandLine.Model.CommandSpec spec) {
        return ((HullCli) spec.root().userObject()).globals.engine();
    }

    /** The image stores of the command line this (sub)command belongs to. */
    public static dev.hull.image.ImageStorage images(CommandLine.Model.CommandSpec spec) {
        return ((HullCli) spec.root().userObject()).globals.images();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HullCli());
        // after the image (or container) the rest is the container's command, flags included
        stopAtPositional(cl);
        cl.setExecutionExceptionHandler(HullCli::onError);
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("Error: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 125;
        });
        return cl.execute(args);
    }

    private static void stopAtPositional(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String name = sub.getCommandName();
            if (name.equals("run") || name.equals("create") || name.equals("exec")) {
                sub.setStopAtPositional(true);
            }
            stopAtPositional(sub);
        }
    }

    private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult r) {
        PrintWriter err = cl.getErr();
        err.println("Error: " + e.getMessage());
        err.flush();
        return switch (e) {
            case EngineException ee -> ee.exitCode();
            case NotFoundException nf -> 1;
            case MetadataException me -> 125;
            case IllegalArgumentException iae -> 125;
            default -> 125;
        };
    }
}

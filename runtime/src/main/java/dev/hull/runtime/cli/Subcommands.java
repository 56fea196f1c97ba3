package dev.hull.runtime.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Set;

/**
 * The subcommands of hull-runtime, built on demand. picocli builds a command's model
 * by reflection, which costs tens of milliseconds per command at start-up; every
 * hull-runtime call is a new JVM and runs one command, so only that one is built.
 */
final class Subcommands {

    /** In the order help lists them. */
    private static final List<String> NAMES = List.of("spec", "create", "start", "run", "state", "kill", "delete",
            "list", "ps", "exec", "features", "pause", "resume", "update", "events", "help");

    // A switch rather than a map of constructor references: the JDK 25 AOT cache
    // writer fails on lambdas held in static fields of the trained classes.
    private static Object create(String name) {
        return switch (name) {
            case "spec" -> new SpecCommand();
            case "create" -> new CreateCommand();
            case "start" -> new StartCommand();
            case "run" -> new RunCommand();
            case "state" -> new StateCommand();
            case "kill" -> new KillCommand();
            case "delete" -> new DeleteCommand();
            case "list" -> new ListCommand();
            case "ps" -> new PsCommand();
            case "exec" -> new ExecCommand();
            case "features" -> new FeaturesCommand();
            case "pause" -> new PauseCommand();
            case "resume" -> new ResumeCommand();
            case "update" -> new UpdateCommand();
            case "events" -> new EventsCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Global options that take a value, so their value is not taken for the command name. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--root", "--log", "--log-format");

    /** Commands whose arguments after the first positional belong to a program (exec ID CMD -c ...). */
    private static final Set<String> STOP_AT_POSITIONAL = Set.of("exec", "ps");

    private Subcommands() {
    }

    /**
     * Adds the command named in args, or every command when none can be told (help,
     * usage errors, an unknown name: picocli then lists them all).
     */
    static void register(CommandLine cl, String[] args) {
        String name = commandName(args);
        if (name == null && java.util.Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--version"))) {
            return; // the version needs no command at all
        }
        String key = "ls".equals(name) ? "list" : name; // list's alias, declared on ListCommand
        if (key != null && NAMES.contains(key) && !key.equals("help")) {
            add(cl, key);
            return;
        }
        for (String n : NAMES) {
            add(cl, n);
        }
    }

    private static void add(CommandLine cl, String name) {
        CommandLine sub = new CommandLine(create(name));
        if (STOP_AT_POSITIONAL.contains(name)) {
            sub.setStopAtPositional(true);
        }
        cl.addSubcommand(name, sub);
    }

    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GLOBAL_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}

package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.RuntimeContext;
import dev.hull.runtime.seccomp.SeccompException;
import dev.hull.runtime.spec.SpecException;
import dev.hull.sys.SyscallException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * hull-runtime: an OCI runtime with runc's command line, so podman, dockerd and
 * containerd can drive it unchanged. Errors are one line on stderr (and in --log),
 * exit status 1, as runc.
 */
@Command(name = "hull-runtime", mixinStandardHelpOptions = false, versionProvider = VersionProvider.class,
        description = "Run containers from OCI bundles (runc-compatible command line).")
public final class HullRuntimeCli {

    @Option(names = "--root", description = "state directory (default /run/hull-runtime)")
    Path root = RuntimeContext.DEFAULT_ROOT;

    @Option(names = "--log", description = "also write errors to this file")
    Path log;

    @Option(names = "--log-format", description = "text or json")
    String logFormat = "text";

    @Option(names = "--debug", description = "print stack traces")
    boolean debug;

    @Option(names = "--systemd-cgroup", description = "read linux.cgroupsPath in systemd's slice:prefix:name form")
    boolean systemdCgroup;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;

    private RuntimeContext context;

    RuntimeContext context() {
        if (context == null) {
            context = RuntimeContext.of(root, systemdCgroup);
        }
        return context;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        HullRuntimeCli app = new HullRuntimeCli();
        CommandLine cl = new CommandLine(app);
        Subcommands.register(cl, args);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> app.fail(e));
        cl.setParameterExceptionHandler((e, a) -> {
            app.report(e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    /** Reports an error as {@link #fail} does, with a command's own exit status (exec uses 255, as runc). */
    int fail(Exception e, int status) {
        fail(e);
        return status;
    }

    private int fail(Exception e) {
        if (debug) {
            e.printStackTrace();
        }
        boolean own = e instanceof ContainerException || e instanceof SpecException || e instanceof SeccompException
                || e instanceof SyscallException || e instanceof IllegalArgumentException;
        String msg = own ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        report(msg);
        return 1;
    }

    void report(String msg) {
        System.err.println("hull-runtime: " + msg);
        new LogFile(log, logFormat).error(msg);
    }
}

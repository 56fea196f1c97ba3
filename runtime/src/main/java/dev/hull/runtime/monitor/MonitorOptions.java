package dev.hull.runtime.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a container is watched by hull-monitor, the small native process that stays
 * its init's parent after the engine's command has exited (docs/monitor.md). The
 * monitor's files live in {@code dir}: {@code pid} (the init's pid, written at create),
 * {@code monitor.pid}, {@code attach.sock}, {@code console.sock} (with a terminal)
 * and, once the init has exited, {@code exit.json}.
 *
 * @param log         json-file log (absolute), or null for none
 * @param logMaxSize  rotate the log before it passes this many bytes; 0: never
 * @param logMaxFiles log files kept, the current one included
 * @param tty         the container has a terminal, which the monitor holds
 * @param stdinOpen   keep a stdin pipe open for attach clients (docker's -i)
 * @param exitCommand run (exec'd by the monitor) after the exit is recorded; empty for none
 */
public record MonitorOptions(Path binary, Path dir, Path log, long logMaxSize, int logMaxFiles, boolean tty,
                             boolean stdinOpen, List<String> exitCommand) {

    /** The console socket, relative: hull-init connects to it from the monitor's directory. */
    public static final String CONSOLE_SOCKET = "console.sock";

    public MonitorOptions {
        Objects.requireNonNull(binary, "binary");
        if (!dir.isAbsolute() || (log != null && !log.isAbsolute())) {
            throw new IllegalArgumentException("monitor paths must be absolute: " + dir + ", " + log);
        }
        if (logMaxSize < 0 || logMaxFiles < 1) {
            throw new IllegalArgumentException("log max-size " + logMaxSize + ", max-file " + logMaxFiles);
        }
        exitCommand = List.copyOf(exitCommand);
    }

    /** hull-monitor next to hull-init (both are built into hull-init/target). */
    public static Path locate(Path hullInit) {
        return hullInit.resolveSibling("hull-monitor");
    }

    /** The monitor's command line, which ends with the hull-init command it starts. */
    public List<String> argv(Path hullInit, int ctlFd) {
        List<String> a = new ArrayList<>(List.of("hull-monitor", "-d", dir.toString()));
        if (log != null) {
            a.addAll(List.of("-l", log.toString(), "-s", Long.toString(logMaxSize), "-n",
                    Integer.toString(logMaxFiles)));
        }
        if (tty) {
            a.add("-t");
        }
        if (stdinOpen) {
            a.add("-i");
        }
        for (String w : exitCommand) {
            a.addAll(List.of("-x", w));
        }
        a.addAll(List.of("--", hullInit.toString(), Integer.toString(ctlFd)));
        return a;
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path exitFile() {
        return dir.resolve("exit.json");
    }

    public Path attachSocket() {
        return dir.resolve("attach.sock");
    }
}

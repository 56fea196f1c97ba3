package dev.hull.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what the runtime needs from /proc/PID/stat. */
public final class ProcStat {

    private ProcStat() {
    }

    /**
     * The process start time in clock ticks since boot (field 22), or -1 if the
     * process does not exist. The comm field may contain spaces and parentheses, so
     * fields are counted from the last ')'.
     */
    public static long startTicks(int pid) {
        String[] f = fieldsAfterComm(pid);
        return f == null ? -1 : Long.parseLong(f[19]);
    }

    /** The one-letter state (R, S, D, Z, T, ...), or 0 if the process does not exist. */
    public static char state(int pid) {
        String[] f = fieldsAfterComm(pid);
        return f == null ? 0 : f[0].charAt(0);
    }

    private static String[] fieldsAfterComm(int pid) {
        if (pid <= 0) {
            return null;
        }
        String s;
        try {
            s = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        int close = s.lastIndexOf(')');
        return s.substring(close + 2).trim().split(" ");
    }
}

package dev.hull.engine.db;

import dev.hull.runtime.state.ProcStat;

/**
 * A process as the kernel knows it: a pid alone is not enough, because pids are
 * reused; the start time (field 22 of /proc/PID/stat, clock ticks since boot) makes
 * the pair unique for as long as the host is up.
 */
public record ProcessIdentity(int pid, long startTicks) {

    public static final ProcessIdentity NONE = new ProcessIdentity(0, 0);

    /** This JVM. */
    public static ProcessIdentity current() {
        int pid = (int) ProcessHandle.current().pid();
        return new ProcessIdentity(pid, ProcStat.startTicks(pid));
    }

    /** The process with this pid now, whatever it is, or {@link #NONE}. */
    public static ProcessIdentity of(int pid) {
        long ticks = ProcStat.startTicks(pid);
        return ticks < 0 ? NONE : new ProcessIdentity(pid, ticks);
    }

    /**
     * True if this very process still exists: the pid is in use, was started at the
     * recorded time, and has not become a zombie (a zombie has exited; only its
     * parent has not collected the status yet).
     */
    public boolean isAlive() {
        if (pid <= 0) {
            return false;
        }
        // state and start time come from two reads of /proc/PID/stat; checking the start
        // time on both sides of the state read keeps a pid recycled in between from
        // lending its state to the process we are asking about
        return ProcStat.startTicks(pid) == startTicks && ProcStat.state(pid) != 'Z'
                && ProcStat.startTicks(pid) == startTicks;
    }
}

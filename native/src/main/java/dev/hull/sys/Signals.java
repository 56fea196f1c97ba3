package dev.hull.sys;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Linux signal table (numbering shared by x86_64 and aarch64) and the parsing rules
 * of runc and docker: a name with or without "SIG" in any case, a number, or a real-time
 * signal relative to SIGRTMIN/SIGRTMAX.
 */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGABRT = 6;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGWINCH = 28;
    /** The first real-time signal as seen by programs: glibc keeps 32 and 33 for itself. */
    public static final int SIGRTMIN = 34;
    public static final int SIGRTMAX = 64;

    /** Canonical names of the standard signals, indexed by number. */
    private static final String[] NAMES = {
            null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
            "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    /** Names without the "SIG" prefix, including the old aliases docker accepts. */
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int sig = 1; sig < NAMES.length; sig++) {
            BY_NAME.put(NAMES[sig], sig);
        }
        BY_NAME.put("IOT", SIGABRT);
        BY_NAME.put("CLD", SIGCHLD);
        BY_NAME.put("POLL", 29); // = SIGIO
    }

    private Signals() {}

    /**
     * Parses "KILL", "SIGKILL", "kill", "9", "RTMIN", "RTMIN+3" or "SIGRTMAX-2".
     * @throws IllegalArgumentException {@code unknown signal "FOO"} for anything else,
     *         including numbers outside 1..64
     */
    public static int parse(String s) {
        int sig = lookup(s);
        if (sig < 1 || sig > SIGRTMAX) {
            throw new IllegalArgumentException("unknown signal " + Native.quote(s));
        }
        return sig;
    }

    /** Returns the signal for {@code s}, or -1. */
    private static int lookup(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        if (isDigits(s)) {
            return s.length() > 3 ? -1 : Integer.parseInt(s);
        }
        String name = s.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer sig = BY_NAME.get(name);
        if (sig != null) {
            return sig;
        }
        return realTime(name);
    }

    /** RTMIN, RTMIN+n, RTMAX, RTMAX-n, staying within SIGRTMIN..SIGRTMAX; else -1. */
    private static int realTime(String name) {
        int base;
        int sign;
        if (name.startsWith("RTMIN")) {
            base = SIGRTMIN;
            sign = +1;
        } else if (name.startsWith("RTMAX")) {
            base = SIGRTMAX;
            sign = -1;
        } else {
            return -1;
        }
        String offset = name.substring(5);
        if (offset.isEmpty()) {
            return base;
        }
        char expected = sign > 0 ? '+' : '-';
        String digits = offset.substring(1);
        if (offset.charAt(0) != expected || digits.isEmpty() || digits.length() > 2 || !isDigits(digits)) {
            return -1;
        }
        int sig = base + sign * Integer.parseInt(digits);
        return sig >= SIGRTMIN && sig <= SIGRTMAX ? sig : -1;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The conventional name: "SIGTERM"; real-time signals as {@code kill -l} lists them
     * ("SIGRTMIN+1" up to 49, then "SIGRTMAX-14"); "SIG32" for numbers without a name.
     */
    public static String name(int sig) {
        if (sig >= 1 && sig < NAMES.length) {
            return "SIG" + NAMES[sig];
        }
        if (sig == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (sig == SIGRTMAX) {
            return "SIGRTMAX";
        }
        if (sig > SIGRTMIN && sig <= SIGRTMIN + 15) {
            return "SIGRTMIN+" + (sig - SIGRTMIN);
        }
        if (sig > SIGRTMIN + 15 && sig < SIGRTMAX) {
            return "SIGRTMAX-" + (SIGRTMAX - sig);
        }
        return "SIG" + sig;
    }
}

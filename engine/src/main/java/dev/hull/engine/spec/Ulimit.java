package dev.hull.engine.spec;

import dev.hull.runtime.spec.Rlimit;

import java.util.Locale;
import java.util.Map;

/** {@code --ulimit NAME=SOFT[:HARD]}, as docker parses it (-1 is unlimited). */
public record Ulimit(String name, long soft, long hard) {

    private static final Map<String, String> RLIMITS = Map.ofEntries(
            Map.entry("core", "RLIMIT_CORE"), Map.entry("cpu", "RLIMIT_CPU"), Map.entry("data", "RLIMIT_DATA"),
            Map.entry("fsize", "RLIMIT_FSIZE"), Map.entry("locks", "RLIMIT_LOCKS"),
            Map.entry("memlock", "RLIMIT_MEMLOCK"), Map.entry("msgqueue", "RLIMIT_MSGQUEUE"),
            Map.entry("nice", "RLIMIT_NICE"), Map.entry("nofile", "RLIMIT_NOFILE"),
            Map.entry("nproc", "RLIMIT_NPROC"), Map.entry("rss", "RLIMIT_RSS"), Map.entry("rtprio", "RLIMIT_RTPRIO"),
            Map.entry("rttime", "RLIMIT_RTTIME"), Map.entry("sigpending", "RLIMIT_SIGPENDING"),
            Map.entry("stack", "RLIMIT_STACK"), Map.entry("as", "RLIMIT_AS"));

    public static Ulimit parse(String flag) {
        int eq = flag.indexOf('=');
        if (eq < 0) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--ulimit\" flag: invalid ulimit argument: "
                    + flag);
        }
        String name = flag.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!RLIMITS.containsKey(name)) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--ulimit\" flag: invalid ulimit type: "
                    + name);
        }
        String[] v = flag.substring(eq + 1).split(":", -1);
        if (v.length > 2) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--ulimit\" flag: too many limit value "
                    + "arguments - " + flag.substring(eq + 1) + ", can only have up to two, `soft[:hard]`");
        }
        long soft = number(flag, v[0]);
        long hard = v.length == 2 ? number(flag, v[1]) : soft;
        if (soft != -1 && hard != -1 && Long.compareUnsigned(soft, hard) > 0) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--ulimit\" flag: ulimit soft limit must "
                    + "be less than or equal to hard limit: " + soft + " > " + hard);
        }
        return new Ulimit(name, soft, hard);
    }

    private static long number(String flag, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--ulimit\" flag: strconv.ParseInt: "
                    + "parsing \"" + s + "\": invalid syntax");
        }
    }

    public Rlimit toRlimit() {
        return new Rlimit(RLIMITS.get(name), hard, soft);
    }
}

package dev.hull.runtime.spec;

import java.util.List;

/** The table of rlimit names and resource numbers (asm-generic/resource.h, as on x86_64). */
public final class Rlimits {

    private static final List<String> NAMES = List.of("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
            "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
            "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    /** RLIM_INFINITY as an unsigned 64-bit value in a long. */
    public static final long INFINITY = -1L;

    private Rlimits() {
    }

    /** All names, in resource number order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The resource number of a name such as "RLIMIT_NOFILE", or -1 if unknown. */
    public static int number(String name) {
        return name == null ? -1 : NAMES.indexOf(name);
    }

    /** An rlimit value for messages: "unlimited" for infinity, else the unsigned number. */
    public static String format(long value) {
        return value == INFINITY ? "unlimited" : Long.toUnsignedString(value);
    }
}

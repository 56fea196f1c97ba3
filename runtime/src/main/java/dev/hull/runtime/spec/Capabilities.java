package dev.hull.runtime.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code process.capabilities}: five sets of capability names. The static methods
 * are the table of Linux capability names and numbers (linux/capability.h).
 */
public record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
                           List<String> permitted, List<String> ambient) {

    private static final String[] NAMES = {
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    };
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NUMBERS.put(NAMES[i], i);
        }
    }

    /** The highest capability number known here (CAP_CHECKPOINT_RESTORE). */
    public static final int LAST = NAMES.length - 1;

    public static final Capabilities NONE = new Capabilities(null, null, null, null, null);

    public Capabilities {
        bounding = Util.list(bounding);
        effective = Util.list(effective);
        inheritable = Util.list(inheritable);
        permitted = Util.list(permitted);
        ambient = Util.list(ambient);
    }

    /** All capability names, in number order. */
    public static List<String> names() {
        return List.of(NAMES);
    }

    /** The number of a capability name such as "CAP_KILL", or -1 if unknown. */
    public static int number(String name) {
        Integer n = name == null ? null : NUMBERS.get(name);
        return n == null ? -1 : n;
    }

    /** The name of a capability number, or null if unknown. */
    public static String name(int number) {
        return number >= 0 && number < NAMES.length ? NAMES[number] : null;
    }

    /** The set as a bit mask indexed by capability number; an unknown name throws IllegalArgumentException. */
    public static long mask(List<String> names) {
        long m = 0;
        for (String n : names) {
            int c = number(n);
            if (c < 0) {
                throw new IllegalArgumentException("unknown capability \"" + n + "\"");
            }
            m |= 1L << c;
        }
        return m;
    }

    /** The names of the bits set in a mask, in number order. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((mask & (1L << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }

    /** The same set for all five: bounding, effective, inheritable, permitted, ambient. */
    public static Capabilities all(List<String> names) {
        return new Capabilities(names, names, names, names, names);
    }
}

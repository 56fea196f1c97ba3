package dev.hull.runtime.spec;

import java.util.List;

/**
 * One {@code linux.namespaces} entry: a new namespace of that type, or (with a path)
 * an existing one to join.
 */
public record LinuxNamespace(String type, String path) {

    public static final String PID = "pid";
    public static final String NETWORK = "network";
    public static final String MOUNT = "mount";
    public static final String IPC = "ipc";
    public static final String UTS = "uts";
    public static final String USER = "user";
    public static final String CGROUP = "cgroup";
    public static final String TIME = "time";

    /** The runtime-spec namespace types, in the order runc lists them. */
    public static final List<String> TYPES = List.of(PID, NETWORK, MOUNT, IPC, UTS, USER, CGROUP, TIME);

    public static LinuxNamespace create(String type) {
        return new LinuxNamespace(type, null);
    }

    /** True when this entry asks for a new namespace rather than joining one. */
    public boolean isNew() {
        return path == null || path.isEmpty();
    }

    public static boolean isType(String type) {
        return TYPES.contains(type);
    }

    /**
     * The {@code CLONE_NEW*} value for a type (also setns's nstype). Time's value
     * (CLONE_NEWTIME, 0x80) is not usable as a clone flag.
     */
    public static int cloneFlag(String type) {
        return switch (type) {
            case PID -> 0x20000000;
            case NETWORK -> 0x40000000;
            case MOUNT -> 0x00020000;
            case IPC -> 0x08000000;
            case UTS -> 0x04000000;
            case USER -> 0x10000000;
            case CGROUP -> 0x02000000;
            case TIME -> 0x00000080;
            default -> throw new IllegalArgumentException("not a namespace type: " + type);
        };
    }

    /** The file name under /proc/PID/ns: "net" for network, "mnt" for mount, else the type. */
    public static String procName(String type) {
        return switch (type) {
            case NETWORK -> "net";
            case MOUNT -> "mnt";
            default -> {
                if (!isType(type)) {
                    throw new IllegalArgumentException("not a namespace type: " + type);
                }
                yield type;
            }
        };
    }
}

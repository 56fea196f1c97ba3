package dev.hull.runtime.spec;

/** A uid or gid mapping: {@code size} ids from {@code containerID} map to {@code hostID}. */
public record IdMapping(long containerID, long hostID, long size) {

    /** The line for /proc/PID/uid_map or gid_map, without the newline. */
    public String mapLine() {
        return containerID + " " + hostID + " " + size;
    }
}

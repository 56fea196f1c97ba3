package dev.hull.runtime.spec;

/**
 * One {@code linux.devices} entry. Absent numbers are null.
 *
 * @param type "c", "b", "u" or "p"
 * @param fileMode permission bits (the runtime defaults to 0666)
 */
public record LinuxDevice(String type, String path, Long major, Long minor, Long fileMode, Long uid, Long gid) {
}

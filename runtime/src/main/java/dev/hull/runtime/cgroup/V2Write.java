package dev.hull.runtime.cgroup;

/**
 * One write into a container's v2 cgroup directory.
 *
 * @param key         the linux.resources key it comes from, for errors
 * @param configValue the value as the config has it, for errors
 * @param file        the file's name in the cgroup directory
 * @param value       what is written
 * @param undo        what an undone update writes back; null for the file's content before the write
 */
record V2Write(String key, String configValue, String file, String value, String undo) {

    /** "memory.max=67108864", the form the tests compare. */
    @Override
    public String toString() {
        return file + "=" + value;
    }
}

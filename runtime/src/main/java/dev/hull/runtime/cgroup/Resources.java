package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * linux.resources on one container's cgroup: written before any process joins it,
 * changed while it runs, and read back as usage. One implementation per cgroup
 * version; {@link #of} picks the host's.
 */
public interface Resources {

    /** Writes every limit set in {@code resources} (an OCI linux.resources object) into a fresh cgroup. */
    void apply(JsonNode resources);

    /**
     * Changes the limits set in {@code resources} on a running container. When a write
     * fails, the files already written get their old values back, so the container
     * keeps the limits it had, and the error names the key and value.
     */
    void update(JsonNode resources);

    /** Reads the cgroup's current usage. */
    CgroupStats stats();

    static Resources of(CgroupLayout layout, Cgroup cgroup) {
        return layout.unified() ? new V2Resources(cgroup) : new V1Resources(layout, cgroup);
    }
}

package dev.hull.runtime.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hull.runtime.cgroup.Cgroup;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;

/**
 * What the runtime remembers about one container, persisted as state.json in its
 * state directory. The status is not stored: it is derived from the process and the
 * start fifo each time (see {@link StatusProbe}), so it cannot go stale after a crash.
 *
 * @param pid         the container's init process in the host pid namespace (0 while creating)
 * @param startTicks  the init process's start time (field 22 of /proc/PID/stat), so that a
 *                    recycled pid is never mistaken for the container
 * @param cgroupDirs  the cgroup directories made for the container, one per hierarchy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerRecord(String id, int pid, long startTicks, String bundle, String rootfs, String created,
                              String owner, Map<String, String> annotations, List<String> cgroupDirs) {

    public ContainerRecord {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        cgroupDirs = cgroupDirs == null ? List.of() : List.copyOf(cgroupDirs);
    }

    /** The container's cgroup, from the directories recorded at create (not a stored field). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Cgroup cgroup() {
        return new Cgroup(cgroupDirs.stream().map(Path::of).toList());
    }

    public ContainerRecord withPid(int newPid, long newStartTicks) {
        return new ContainerRecord(id, newPid, newStartTicks, bundle, rootfs, created, owner, annotations, cgroupDirs);
    }
}

package dev.hull.runtime.plan;

import java.nio.file.Path;

/**
 * One cgroup hierarchy of the host, as the container should see it under its cgroup
 * mount (filled from /proc/self/mountinfo by the lifecycle code).
 *
 * @param name    the directory under /sys/fs/cgroup, e.g. "memory", "cpu,cpuacct",
 *                "systemd", "unified", or "" for the single hierarchy of a v2-only host
 * @param fsType  "cgroup" (v1) or "cgroup2"
 * @param options mount data for a new cgroup file system: "memory", "name=systemd", or ""
 * @param hostDir the container's cgroup directory on the host in that hierarchy
 */
public record CgroupMount(String name, String fsType, String options, Path hostDir) {

    public CgroupMount {
        if (!"cgroup".equals(fsType) && !"cgroup2".equals(fsType)) {
            throw new IllegalArgumentException("cgroup fsType must be cgroup or cgroup2, not " + fsType);
        }
        name = name == null ? "" : name;
        options = options == null ? "" : options;
    }

    public boolean v1() {
        return fsType.equals("cgroup");
    }
}

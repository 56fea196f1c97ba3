package dev.hull.runtime.cgroup;

import java.nio.file.Path;

/**
 * One mounted cgroup hierarchy.
 *
 * @param name       the directory name under /sys/fs/cgroup ("memory", "cpu,cpuacct", "systemd",
 *                   "unified"), or "" when cgroup2 is mounted at /sys/fs/cgroup itself
 * @param mountPoint where it is mounted on the host
 * @param fsType     "cgroup" (v1) or "cgroup2"
 * @param options    the v1 controllers as mounted ("memory", "cpu,cpuacct", "name=systemd"); "" for v2
 */
public record CgroupHierarchy(String name, Path mountPoint, String fsType, String options) {

    public boolean isV2() {
        return fsType.equals("cgroup2");
    }

    public boolean hasController(String controller) {
        for (String o : options.split(",")) {
            if (o.equals(controller)) {
                return true;
            }
        }
        return false;
    }
}

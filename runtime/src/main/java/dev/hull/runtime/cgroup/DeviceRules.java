package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes device rules into a v1 devices cgroup (devices.allow / devices.deny), in
 * order, before any process joins it; on a cgroup v2 (unified) host as an eBPF
 * program attached to the container's cgroup ({@link DeviceProgram}).
 */
public final class DeviceRules {

    private DeviceRules() {
    }

    /** Applies the rules to the container's cgroup; false when the host has no device control at all. */
    public static boolean apply(CgroupLayout layout, Cgroup cgroup, List<DeviceRule> rules) {
        Path dir = cgroup.v1Dir(layout, "devices").orElse(null);
        if (dir == null) {
            if (layout.unified() && cgroup.dirs().size() == 1) {
                DeviceProgram.apply(cgroup.dirs().getFirst(), rules);
                return true;
            }
            return false;
        }
        for (DeviceRule r : rules) {
            Path file = dir.resolve(r.allow() ? "devices.allow" : "devices.deny");
            try {
                Files.writeString(file, r.line());
            } catch (IOException e) {
                throw new ContainerException("write \"" + r.line() + "\" to " + file + ": " + e.getMessage(), e);
            }
        }
        return true;
    }
}

package dev.hull.runtime;

import dev.hull.runtime.cgroup.CgroupLayout;
import dev.hull.runtime.state.StateStore;

import java.nio.file.Path;

/**
 * What every operation needs: where state lives, which hull-init to run, how
 * cgroups are laid out on this host.
 */
public record RuntimeContext(StateStore store, Path hullInit, boolean systemdCgroup, CgroupLayout cgroups) {

    public static final Path DEFAULT_ROOT = Path.of("/run/hull-runtime");

    public static RuntimeContext of(Path root, boolean systemdCgroup) {
        return new RuntimeContext(new StateStore(root), HullInitLocator.locate(), systemdCgroup,
                CgroupLayout.detect());
    }
}

package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

/** linux.resources on a cgroup v2 (unified) host. */
final class V2Resources implements Resources {

    private final Cgroup cgroup;

    V2Resources(Cgroup cgroup) {
        this.cgroup = cgroup;
    }

    @Override
    public void apply(JsonNode resources) {
        if (resources == null || !resources.isObject()) {
            return;
        }
        for (var it = resources.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("devices")) { // device rules are applied by DeviceRules
                throw new ContainerException("linux.resources." + key + ": not supported on cgroup v2 yet");
            }
        }
    }

    @Override
    public void update(JsonNode resources) {
        apply(resources);
    }

    @Override
    public CgroupStats stats() {
        throw new ContainerException("stats: not supported on cgroup v2 yet");
    }
}

package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

import java.nio.file.Path;
import java.util.List;

/**
 * linux.resources on a cgroup v2 (unified) host: {@link V2Limits} works out the writes,
 * a {@link LimitWriter} makes them, {@link V2Stats} reads the usage. Errors name the key
 * and value, e.g. {@code linux.resources.memory.limit 1: write to .../memory.max: Device or resource busy}.
 */
final class V2Resources implements Resources {

    private final Path dir;

    V2Resources(Cgroup cgroup) {
        if (cgroup.dirs().size() != 1) {
            throw new ContainerException("a cgroup v2 container has one cgroup directory, not " + cgroup.dirs());
        }
        this.dir = cgroup.dirs().getFirst();
    }

    @Override
    public void apply(JsonNode resources) {
        write(V2Limits.plan(dir, resources), LimitWriter.forCreate());
    }

    @Override
    public void update(JsonNode resources) {
        List<V2Write> writes = V2Limits.plan(dir, resources); // a bad config fails here, before any write
        LimitWriter w = LimitWriter.forUpdate();
        try {
            write(writes, w);
        } catch (RuntimeException e) {
            w.undo();
            throw e;
        }
    }

    @Override
    public CgroupStats stats() {
        return V2Stats.read(dir);
    }

    private void write(List<V2Write> writes, LimitWriter w) {
        for (V2Write x : writes) {
            w.write(x.key(), x.configValue(), x.value(), dir.resolve(x.file()), x.undo());
        }
    }
}

package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes linux.resources into a container's v1 cgroup directories before any
 * process joins them: memory, cpu, cpuset, pids and blkio. Every failure names the
 * config key, the value and the file, e.g.
 * {@code linux.resources.memory.limit 1: write to .../memory.limit_in_bytes: Device or resource busy}.
 * (cgroup v2, hugetlb, net_cls/net_prio, rdma and update come with the resource-management work.)
 */
final class V1Resources implements Resources {

    private final CgroupLayout layout;
    private final Cgroup cgroup;
    private LimitWriter out;

    V1Resources(CgroupLayout layout, Cgroup cgroup) {
        this.layout = layout;
        this.cgroup = cgroup;
    }

    @Override
    public void apply(JsonNode resources) {
        write(resources, LimitWriter.forCreate());
    }

    @Override
    public void update(JsonNode resources) {
        LimitWriter w = LimitWriter.forUpdate();
        try {
            write(resources, w);
        } catch (RuntimeException e) {
            w.undo();
            throw e;
        }
    }

    @Override
    public CgroupStats stats() {
        throw new UnsupportedOperationException("v1 stats");
    }

    private void write(JsonNode resources, LimitWriter w) {
        if (resources == null || !resources.isObject()) {
            return;
        }
        out = w;
        if (resources.has("unified") && resources.get("unified").size() > 0) {
            throw new ContainerException("linux.resources.unified: needs cgroup v2, this host has cgroup v1 controllers");
        }
        memory(resources.path("memory"));
        cpu(resources.path("cpu"));
        pids(resources.path("pids"));
        blockIo(resources.path("blockIO"));
    }

    private void memory(JsonNode m) {
        if (m.isMissingNode()) {
            return;
        }
        // the limit before swap: memsw must never be below the memory limit
        number(m, "memory", "limit", "memory", "memory.limit_in_bytes");
        number(m, "memory", "reservation", "memory", "memory.soft_limit_in_bytes");
        if (m.hasNonNull("swap")) {
            long swap = m.get("swap").asLong();
            boolean accounted = dir("memory").map(d -> Files.exists(d.resolve("memory.memsw.limit_in_bytes")))
                    .orElse(false);
            // without swap accounting the kernel has no swap limit to set; runc skips it
            // silently too, and dockerd and podman send one with every --memory
            if (accounted && swap != 0) {
                write("linux.resources.memory.swap", Long.toString(swap), "memory", "memory.memsw.limit_in_bytes");
            }
        }
        if (m.hasNonNull("swappiness")) { // 0 is a real value here
            write("linux.resources.memory.swappiness", Long.toString(m.get("swappiness").asLong()), "memory",
                    "memory.swappiness");
        }
        if (m.path("disableOOMKiller").asBoolean(false)) {
            write("linux.resources.memory.disableOOMKiller", "1", "memory", "memory.oom_control");
        }
    }

    private void cpu(JsonNode c) {
        if (c.isMissingNode()) {
            return;
        }
        number(c, "cpu", "shares", "cpu", "cpu.shares");
        number(c, "cpu", "period", "cpu", "cpu.cfs_period_us");
        number(c, "cpu", "quota", "cpu", "cpu.cfs_quota_us");
        number(c, "cpu", "burst", "cpu", "cpu.cfs_burst_us");
        number(c, "cpu", "realtimePeriod", "cpu", "cpu.rt_period_us");
        number(c, "cpu", "realtimeRuntime", "cpu", "cpu.rt_runtime_us");
        if (c.hasNonNull("idle")) {
            write("linux.resources.cpu.idle", Long.toString(c.get("idle").asLong()), "cpu", "cpu.idle");
        }
        text(c, "cpu", "cpus", "cpuset", "cpuset.cpus");
        text(c, "cpu", "mems", "cpuset", "cpuset.mems");
    }

    private void pids(JsonNode p) {
        long limit = p.path("limit").asLong(0);
        if (limit != 0) { // 0 leaves it unset, a negative value means no limit (as runc)
            write("linux.resources.pids.limit", limit < 0 ? "max" : Long.toString(limit), "pids", "pids.max");
        }
    }

    private void blockIo(JsonNode b) {
        if (b.isMissingNode()) {
            return;
        }
        number(b, "blockIO", "weight", "blkio", "blkio.weight");
        number(b, "blockIO", "leafWeight", "blkio", "blkio.leaf_weight");
        for (JsonNode d : b.path("weightDevice")) {
            String dev = d.path("major").asLong() + ":" + d.path("minor").asLong();
            if (d.hasNonNull("weight")) {
                write("linux.resources.blockIO.weightDevice", dev + " " + d.get("weight").asLong(), "blkio",
                        "blkio.weight_device");
            }
        }
        Map<String, String> throttles = Map.of("throttleReadBpsDevice", "blkio.throttle.read_bps_device",
                "throttleWriteBpsDevice", "blkio.throttle.write_bps_device",
                "throttleReadIOPSDevice", "blkio.throttle.read_iops_device",
                "throttleWriteIOPSDevice", "blkio.throttle.write_iops_device");
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String file = throttles.get(key);
            if (file == null) {
                continue;
            }
            for (JsonNode d : b.get(key)) {
                String line = d.path("major").asLong() + ":" + d.path("minor").asLong() + " " + d.path("rate").asLong();
                write("linux.resources.blockIO." + key, line, "blkio", file);
            }
        }
    }

    /** A number of 0 means "not set" in these fields, as runc reads them. */
    private void number(JsonNode parent, String section, String key, String controller, String file) {
        if (parent.hasNonNull(key) && parent.get(key).asLong() != 0) {
            write("linux.resources." + section + "." + key, Long.toString(parent.get(key).asLong()), controller, file);
        }
    }

    private void text(JsonNode parent, String section, String key, String controller, String file) {
        if (parent.hasNonNull(key) && !parent.get(key).asText().isEmpty()) {
            write("linux.resources." + section + "." + key, parent.get(key).asText(), controller, file);
        }
    }

    private void write(String key, String value, String controller, String file) {
        Path dir = dir(controller).orElseThrow(() -> new ContainerException(key + " " + value
                + ": the " + controller + " controller is not mounted on this host"));
        out.write(key, value, dir.resolve(file));
    }

    private java.util.Optional<Path> dir(String controller) {
        return cgroup.v1Dir(layout, controller);
    }
}

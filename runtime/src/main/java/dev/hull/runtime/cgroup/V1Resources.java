package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Writes linux.resources into a container's v1 cgroup directories before any
 * process joins them (memory, cpu, cpuset, pids, blkio, hugetlb, net_cls/net_prio,
 * rdma, devices), and changes them on update. Every failure names the
 * config key, the value and the file, e.g.
 * {@code linux.resources.memory.limit 1: write to .../memory.limit_in_bytes: Device or resource busy}.
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
        return new V1Stats(layout, cgroup).read();
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
        hugepages(resources.path("hugepageLimits"));
        network(resources.path("network"));
        rdma(resources.path("rdma"));
    }

    private void hugepages(JsonNode limits) {
        for (JsonNode l : limits) {
            String size = l.path("pageSize").asText();
            write("linux.resources.hugepageLimits[" + size + "].limit", Long.toString(l.path("limit").asLong()),
                    "hugetlb", "hugetlb." + size + ".limit_in_bytes");
        }
    }

    private void network(JsonNode n) {
        if (n.hasNonNull("classID")) {
            write("linux.resources.network.classID", Long.toString(n.get("classID").asLong()), "net_cls",
                    "net_cls.classid");
        }
        for (JsonNode p : n.path("priorities")) {
            String name = p.path("name").asText();
            write("linux.resources.network.priorities[" + name + "]", name + " " + p.path("priority").asLong(),
                    "net_prio", "net_prio.ifpriomap", name + " 0");
        }
    }

    private void rdma(JsonNode r) {
        for (var it = r.fields(); it.hasNext(); ) {
            var e = it.next();
            StringBuilder line = new StringBuilder(e.getKey());
            if (e.getValue().hasNonNull("hcaHandles")) {
                line.append(" hca_handle=").append(e.getValue().get("hcaHandles").asLong());
            }
            if (e.getValue().hasNonNull("hcaObjects")) {
                line.append(" hca_object=").append(e.getValue().get("hcaObjects").asLong());
            }
            write("linux.resources.rdma." + e.getKey(), line.toString(), "rdma", "rdma.max",
                    e.getKey() + " hca_handle=max hca_object=max");
        }
    }

    private void memory(JsonNode m) {
        if (m.isMissingNode()) {
            return;
        }
        Optional<Path> dir = dir("memory");
        boolean swapAccounted = dir.map(d -> Files.exists(d.resolve("memory.memsw.limit_in_bytes"))).orElse(false);
        long swap = m.path("swap").asLong(0);
        // without swap accounting the kernel has no swap limit to set; runc skips it
        // silently too, and dockerd and podman send one with every --memory
        boolean setSwap = swapAccounted && swap != 0;
        // memsw (memory + swap) may never be below the memory limit, so a rising swap
        // limit goes first and a falling one last
        boolean swapFirst = setSwap && (swap == -1 || swap > currentNumber(dir.get().resolve("memory.memsw.limit_in_bytes")));
        if (swapFirst) {
            write("linux.resources.memory.swap", Long.toString(swap), "memory", "memory.memsw.limit_in_bytes");
        }
        if (m.path("checkBeforeUpdate").asBoolean(false) && m.path("limit").asLong(0) > 0) {
            long usage = currentNumber(dir.orElseThrow().resolve("memory.usage_in_bytes"));
            if (m.get("limit").asLong() < usage) {
                throw new ContainerException("linux.resources.memory.limit " + m.get("limit").asLong()
                        + ": below the container's current usage of " + usage + " bytes (checkBeforeUpdate)");
            }
        }
        number(m, "memory", "limit", "memory", "memory.limit_in_bytes");
        if (setSwap && !swapFirst) {
            write("linux.resources.memory.swap", Long.toString(swap), "memory", "memory.memsw.limit_in_bytes");
        }
        number(m, "memory", "reservation", "memory", "memory.soft_limit_in_bytes");
        // kernel memory limits are deprecated by the kernel (5.4+ refuses them); runc ignores
        // linux.resources.memory.kernel, and so does hull
        number(m, "memory", "kernelTCP", "memory", "memory.kmem.tcp.limit_in_bytes");
        if (m.hasNonNull("swappiness")) { // 0 is a real value here
            write("linux.resources.memory.swappiness", Long.toString(m.get("swappiness").asLong()), "memory",
                    "memory.swappiness");
        }
        if (m.hasNonNull("disableOOMKiller")) {
            boolean disable = m.get("disableOOMKiller").asBoolean();
            if (disable || out.remembers()) {
                Path f = dir.map(d -> d.resolve("memory.oom_control")).orElse(null);
                String was = f == null ? null
                        : CgroupFiles.keyed(f).getOrDefault("oom_kill_disable", 0L).toString();
                write("linux.resources.memory.disableOOMKiller", disable ? "1" : "0", "memory", "memory.oom_control",
                        was);
            }
        }
        if (m.hasNonNull("useHierarchy")) {
            write("linux.resources.memory.useHierarchy", m.get("useHierarchy").asBoolean() ? "1" : "0", "memory",
                    "memory.use_hierarchy");
        }
    }

    private static long currentNumber(Path file) {
        String s = CgroupFiles.text(file);
        return s.isEmpty() ? Long.MAX_VALUE : Long.parseLong(s);
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
        // CFQ's blkio.weight went with CFQ (kernel 5.0); BFQ offers blkio.bfq.weight where
        // a device uses the bfq scheduler
        String weightFile = firstExisting("blkio.weight", "blkio.bfq.weight");
        number(b, "blockIO", "weight", "blkio", weightFile);
        number(b, "blockIO", "leafWeight", "blkio", "blkio.leaf_weight");
        String weightDeviceFile = firstExisting("blkio.weight_device", "blkio.bfq.weight_device");
        for (JsonNode d : b.path("weightDevice")) {
            String dev = d.path("major").asLong() + ":" + d.path("minor").asLong();
            if (d.hasNonNull("weight")) {
                write("linux.resources.blockIO.weightDevice", dev + " " + d.get("weight").asLong(), "blkio",
                        weightDeviceFile, deviceUndo(dev, weightDeviceFile));
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
                String dev = d.path("major").asLong() + ":" + d.path("minor").asLong();
                write("linux.resources.blockIO." + key, dev + " " + d.path("rate").asLong(), "blkio", file,
                        deviceUndo(dev, file));
            }
        }
    }

    private String firstExisting(String preferred, String other) {
        return dir("blkio").filter(d -> !Files.exists(d.resolve(preferred)) && Files.exists(d.resolve(other)))
                .map(d -> other).orElse(preferred);
    }

    /**
     * Per-device files list one line per device; writing a line changes only that
     * device, and a value of 0 removes it. So the undo of a write is the device's old
     * line, or 0 when it had none.
     */
    private String deviceUndo(String dev, String file) {
        String text = dir("blkio").map(d -> CgroupFiles.text(d.resolve(file))).orElse("");
        return text.lines().filter(l -> l.startsWith(dev + " ")).findFirst().orElse(dev + " 0");
    }

    /** A number of 0 means "not set" in these fields, as runc reads them. */
    private void number(JsonNode parent, String section, String key, String controller, String file) {
        if (parent.hasNonNull(key) && parent.get(key).asLong() != 0) {
            write("linux.resources." + section + "." + key, Long.toString(parent.get(key).asLong()), controller, file);
        }
    }

    private void text(JsonNode parent, String section, String key, String controller, String file) {
        if (parent.hasNonNull(key) && !parent.get(key).asText().isEmpty()) {
            String v = parent.get(key).asText();
            Path dir = dir(controller).orElseThrow(() -> new ContainerException("linux.resources." + section + "."
                    + key + " " + ConfigValues.quoted(v) + ": the " + controller + " controller is not mounted on this host"));
            // strings are quoted in errors, as on v2, so that spaces and emptiness show
            out.write("linux.resources." + section + "." + key, ConfigValues.quoted(v), v, dir.resolve(file), null);
        }
    }

    private void write(String key, String value, String controller, String file) {
        write(key, value, controller, file, null);
    }

    private void write(String key, String value, String controller, String file, String undoValue) {
        Path dir = dir(controller).orElseThrow(() -> new ContainerException(key + " " + value
                + ": the " + controller + " controller is not mounted on this host"));
        out.write(key, value, dir.resolve(file), undoValue);
    }

    private Optional<Path> dir(String controller) {
        return cgroup.v1Dir(layout, controller);
    }
}

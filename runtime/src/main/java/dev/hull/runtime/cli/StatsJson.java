package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.cgroup.CgroupStats;

import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code events}: {"type":"stats","id":..,"data":{..}} and
 * {"type":"oom","id":..}, in the field names and shape runc prints, because
 * containerd's shim and podman read that output.
 */
final class StatsJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StatsJson() {
    }

    static ObjectNode oom(String id) {
        ObjectNode e = F.objectNode();
        e.put("type", "oom");
        e.put("id", id);
        return e;
    }

    static ObjectNode stats(String id, CgroupStats s) {
        ObjectNode e = F.objectNode();
        e.put("type", "stats");
        e.put("id", id);
        ObjectNode data = e.putObject("data");
        cpu(data.putObject("cpu"), s.cpu());
        memory(data.putObject("memory"), s.memory());
        ObjectNode pids = data.putObject("pids");
        positive(pids, "current", s.pids().current());
        positive(pids, "limit", s.pids().limit());
        ObjectNode blkio = data.putObject("blkio");
        blkio(blkio, "ioServiceBytesRecursive", s.ioServiceBytes());
        blkio(blkio, "ioServicedRecursive", s.ioServiced());
        ObjectNode huge = data.putObject("hugetlb");
        for (Map.Entry<String, CgroupStats.Hugetlb> h : s.hugetlb().entrySet()) {
            ObjectNode o = huge.putObject(h.getKey());
            positive(o, "usage", h.getValue().usage());
            positive(o, "max", h.getValue().max());
            o.put("failcnt", h.getValue().failcnt());
        }
        data.putObject("intel_rdt");
        data.putNull("network_interfaces");
        return e;
    }

    private static void cpu(ObjectNode o, CgroupStats.Cpu c) {
        ObjectNode usage = o.putObject("usage");
        positive(usage, "total", c.total());
        if (!c.percpu().isEmpty()) {
            ArrayNode a = usage.putArray("percpu");
            c.percpu().forEach(a::add);
        }
        usage.put("kernel", c.kernel());
        usage.put("user", c.user());
        ObjectNode t = o.putObject("throttling");
        positive(t, "periods", c.periods());
        positive(t, "throttledPeriods", c.throttledPeriods());
        positive(t, "throttledTime", c.throttledTime());
    }

    private static void memory(ObjectNode o, CgroupStats.Memory m) {
        positive(o, "cache", m.cache());
        entry(o, "usage", m.usage());
        entry(o, "swap", m.swap());
        entry(o, "kernel", m.kernel());
        entry(o, "kernelTCP", m.kernelTcp());
        if (!m.raw().isEmpty()) {
            ObjectNode raw = o.putObject("raw");
            m.raw().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(kv -> raw.put(kv.getKey(), kv.getValue()));
        }
    }

    private static void entry(ObjectNode parent, String name, CgroupStats.MemoryEntry m) {
        if (m.equals(CgroupStats.MemoryEntry.NONE)) {
            return;
        }
        ObjectNode o = parent.putObject(name);
        o.put("limit", m.limit());
        positive(o, "usage", m.usage());
        positive(o, "max", m.max());
        o.put("failcnt", m.failcnt());
    }

    private static void blkio(ObjectNode parent, String name, List<CgroupStats.BlkioEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode a = parent.putArray(name);
        for (CgroupStats.BlkioEntry b : entries) {
            ObjectNode o = a.addObject();
            positive(o, "major", b.major());
            positive(o, "minor", b.minor());
            o.put("op", b.op());
            positive(o, "value", b.value());
        }
    }

    /** runc omits zero values of these fields. */
    private static void positive(ObjectNode o, String name, long value) {
        if (value != 0) {
            o.put(name, value);
        }
    }
}

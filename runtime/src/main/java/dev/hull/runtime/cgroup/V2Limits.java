package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.ContainerException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.hull.runtime.cgroup.ConfigValues.bad;
import static dev.hull.runtime.cgroup.ConfigValues.int64;
import static dev.hull.runtime.cgroup.ConfigValues.orZero;
import static dev.hull.runtime.cgroup.ConfigValues.quoted;
import static dev.hull.runtime.cgroup.ConfigValues.text;
import static dev.hull.runtime.cgroup.ConfigValues.uint64;
import static dev.hull.runtime.cgroup.ConfigValues.unsigned;

/**
 * Turns linux.resources into the ordered writes that set it on a cgroup v2 directory,
 * with runc's conversions and order (pids, memory, io, cpu, cpuset, hugetlb, rdma, then
 * unified, so that unified has the last word). It reads the directory where a value
 * depends on what is there (the other half of cpu.max, the per-device lines an undo puts
 * back, whether swap accounting or bfq exist) but writes nothing, so every mistake in the
 * config and every missing file is reported before the first write.
 *
 * <p>Like runc on v2, it ignores what v2 has no file for: memory.swappiness, kernel,
 * kernelTCP, disableOOMKiller and useHierarchy, blockIO leaf weights, network
 * (net_cls/net_prio). It refuses the realtime cpu fields, which a v2 kernel cannot honour
 * at all. Devices are an eBPF program, not a file, and are set elsewhere.
 */
final class V2Limits {

    static final String R = "linux.resources.";
    private static final Pattern PAGE_SIZE = Pattern.compile("[0-9]+[KMGT]?B");
    private static final Pattern RDMA_DEVICE = Pattern.compile("[^\\s=]+");

    private final Path dir;
    private final Set<String> controllers; // null when cgroup.controllers cannot be read: no check
    private final List<V2Write> writes = new ArrayList<>();

    private V2Limits(Path dir) {
        this.dir = dir;
        this.controllers = Files.exists(dir.resolve("cgroup.controllers"))
                ? CgroupFiles.words(dir.resolve("cgroup.controllers")) : null;
    }

    static List<V2Write> plan(Path dir, JsonNode resources) {
        V2Limits p = new V2Limits(dir);
        if (resources != null && resources.isObject()) {
            p.pids(resources.path("pids"));
            p.memory(resources.path("memory"));
            V2IoLimits.plan(p, resources.path("blockIO"));
            p.cpu(resources.path("cpu"));
            p.cpuset(resources.path("cpu"));
            p.hugetlb(resources.path("hugepageLimits"));
            p.rdma(resources.path("rdma"));
            p.unified(resources.path("unified"));
        }
        return List.copyOf(p.writes);
    }

    // ---- what the sections share

    /**
     * Adds a write after checking its file is there: a missing file means either that the
     * controller is not enabled for this cgroup (its parent's cgroup.subtree_control does
     * not list it) or that this kernel does not have the file at all.
     */
    void add(String key, String configValue, String file, String value, String undo) {
        if (!exists(file)) {
            int dot = file.indexOf('.');
            String controller = dot > 0 ? file.substring(0, dot) : file;
            if (controllers != null && !controller.equals("cgroup") && !controllers.contains(controller)) {
                throw bad(key, configValue, "the " + controller + " controller is not enabled for " + dir
                        + " (cgroup.controllers: " + String.join(" ", controllers)
                        + "; the parent's cgroup.subtree_control must list it)");
            }
            throw bad(key, configValue, "this kernel has no " + file + " in " + dir);
        }
        writes.add(new V2Write(key, configValue, file, value, undo));
    }

    boolean exists(String file) {
        return Files.exists(dir.resolve(file));
    }

    /** The file's content, or null. */
    String read(String file) {
        return CgroupFiles.read(dir.resolve(file));
    }

    /** The file's line for one device ("8:0 rbps=max ..."), or {@code otherwise} when it has none. */
    String deviceLine(String file, String device, String otherwise) {
        Map<String, String> lines = CgroupFiles.linesByFirstWord(dir.resolve(file));
        return lines.getOrDefault(device, otherwise);
    }

    // ---- the sections

    private void pids(JsonNode p) {
        String key = R + "pids.limit";
        long limit = orZero(int64(p.get("limit"), key));
        if (limit != 0) { // 0 leaves pids.max as it is; any negative lifts the limit (as on v1)
            add(key, Long.toString(limit), "pids.max", limit < 0 ? V2Conversions.UNLIMITED : Long.toString(limit),
                    null);
        }
    }

    private void memory(JsonNode m) {
        String k = R + "memory.";
        long limit = bytes(m, k + "limit");
        long reservation = bytes(m, k + "reservation");
        long swap = bytes(m, k + "swap");
        if (limit == 0 && reservation == 0 && swap == 0) {
            return;
        }
        if (m.path("checkBeforeUpdate").asBoolean(false)) {
            checkUsage(k, limit, swap);
        }
        String swapKey = swap != 0 ? k + "swap" : k + "limit";
        String swapValue = Long.toString(swap != 0 ? swap : limit);
        String swapMax;
        try {
            swapMax = V2Conversions.swapMax(swap, limit);
        } catch (IllegalArgumentException e) {
            throw bad(k + "swap", swap, e.getMessage());
        }
        // without swap accounting there is no memory.swap.max; "no limit" and "no swap" then
        // hold anyway, and dockerd and podman send one of them with every --memory
        boolean writeSwap = swapMax != null
                && (exists("memory.swap.max") || !(swapMax.equals("max") || swapMax.equals("0")));
        boolean writeMemory = limit != 0;
        // Lowering memory.max reclaims at once, and reclaim can only swap out as much as
        // memory.swap.max allows at that moment: a new swap allowance goes in first. When
        // memory.max rises it goes in first, so the container never has less room than it
        // had before and will have after (memory rises while swap shrinks).
        if (writeMemory && raisesMemory(limit)) {
            add(k + "limit", Long.toString(limit), "memory.max", V2Conversions.limit(limit), null);
            writeMemory = false;
        }
        if (writeSwap) {
            add(swapKey, swapValue, "memory.swap.max", swapMax, null);
        }
        if (writeMemory) {
            add(k + "limit", Long.toString(limit), "memory.max", V2Conversions.limit(limit), null);
        }
        if (reservation != 0) {
            add(k + "reservation", Long.toString(reservation), "memory.low", V2Conversions.limit(reservation), null);
        }
    }

    /** A byte limit: a positive number, or -1 for none; 0 means not set. */
    private static long bytes(JsonNode parent, String key) {
        JsonNode node = parent.get(key.substring(key.lastIndexOf('.') + 1));
        long v = orZero(int64(node, key));
        if (v < -1) {
            throw bad(key, v, "is a number of bytes, or -1 for no limit");
        }
        return v;
    }

    private boolean raisesMemory(long limit) {
        String current = read("memory.max");
        if (limit == -1) {
            return true;
        }
        return current != null && !current.equals(V2Conversions.UNLIMITED) && current.matches("[0-9]+")
                && limit > Long.parseLong(current);
    }

    /**
     * checkBeforeUpdate: v2 does not refuse a memory.max below the usage as v1 did, it
     * OOM-kills until the usage fits; the config can ask for v1's refusal instead.
     */
    private void checkUsage(String k, long limit, long swap) {
        String current = read("memory.current");
        if (current == null || !current.matches("[0-9]+")) {
            return; // best effort, as runc: nothing to compare with
        }
        long usage = Long.parseLong(current);
        if (swap > 0 && swap <= usage) {
            throw bad(k + "swap", swap, "not above the container's memory usage " + usage
                    + " (linux.resources.memory.checkBeforeUpdate is set)");
        }
        if (limit > 0 && limit <= usage) {
            throw bad(k + "limit", limit, "not above the container's memory usage " + usage
                    + " (linux.resources.memory.checkBeforeUpdate is set)");
        }
    }

    private void cpu(JsonNode c) {
        String k = R + "cpu.";
        for (String rt : List.of("realtimeRuntime", "realtimePeriod")) {
            long v = orZero(int64(c.get(rt), k + rt));
            if (v != 0) {
                throw bad(k + rt, v, "cgroup v2 has no realtime cpu limits (cpu.rt_* exist on cgroup v1 only)");
            }
        }
        Long idle = int64(c.get("idle"), k + "idle");
        long shares = orZero(unsigned(c.get("shares"), k + "shares"));
        if (idle != null) {
            if (idle != 0 && shares != 0) {
                throw bad(k + "shares", shares, "an idle cgroup (" + k + "idle " + idle + ") has no weight to set");
            }
            add(k + "idle", idle.toString(), "cpu.idle", idle.toString(), null);
        }
        if (shares != 0) {
            add(k + "shares", Long.toString(shares), "cpu.weight", Long.toString(V2Conversions.cpuWeight(shares)),
                    null);
        }
        long quota = orZero(int64(c.get("quota"), k + "quota"));
        long period = orZero(unsigned(c.get("period"), k + "period"));
        Long burst = unsigned(c.get("burst"), k + "burst");
        if (burst != null && quota > 0 && burst > quota) {
            throw bad(k + "burst", burst, "must not exceed " + k + "quota " + quota);
        }
        String max = null;
        if (quota != 0 || period != 0) {
            // one of the two alone keeps the other as the cgroup has it (in a new cgroup
            // "max 100000"), as runc's update keeps the one it is not given
            String[] current = cpuMax();
            max = (quota != 0 ? V2Conversions.cpuQuota(quota) : current[0]) + " "
                    + (period != 0 ? Long.toString(period) : current[1]);
        }
        String maxKey = quota != 0 && period != 0 ? k + "quota and period" : quota != 0 ? k + "quota" : k + "period";
        String maxValue = quota != 0 && period != 0 ? quota + " " + period : Long.toString(quota != 0 ? quota : period);
        // the kernel refuses a burst above the quota in force at the moment of each write:
        // the burst goes first only when the new quota is below the burst in force now
        boolean burstFirst = max != null && burst != null && !max.startsWith(V2Conversions.UNLIMITED)
                && currentBurst() > Long.parseLong(max.split(" ")[0]);
        if (burstFirst) {
            add(k + "burst", burst.toString(), "cpu.max.burst", burst.toString(), null);
        }
        if (max != null) {
            add(maxKey, maxValue, "cpu.max", max, null);
        }
        if (burst != null && !burstFirst) {
            add(k + "burst", burst.toString(), "cpu.max.burst", burst.toString(), null);
        }
    }

    /** cpu.max as {quota, period}; a new cgroup's when the file cannot be read. */
    private String[] cpuMax() {
        String s = read("cpu.max");
        String[] f = s == null ? new String[0] : s.split("\\s+");
        return f.length == 2 ? f
                : new String[] {V2Conversions.UNLIMITED, Long.toString(V2Conversions.DEFAULT_CPU_PERIOD)};
    }

    private long currentBurst() {
        String s = read("cpu.max.burst");
        return s != null && s.matches("[0-9]+") ? Long.parseLong(s) : 0;
    }

    private void cpuset(JsonNode c) {
        String k = R + "cpu.";
        String cpus = text(c.get("cpus"), k + "cpus");
        if (cpus != null) {
            add(k + "cpus", quoted(cpus), "cpuset.cpus", cpus, null);
        }
        String mems = text(c.get("mems"), k + "mems");
        if (mems != null) {
            add(k + "mems", quoted(mems), "cpuset.mems", mems, null);
        }
    }

    private void hugetlb(JsonNode limits) {
        int i = 0;
        for (JsonNode l : limits) {
            String k = R + "hugepageLimits[" + i++ + "].";
            String size = text(l.get("pageSize"), k + "pageSize");
            if (size == null || !PAGE_SIZE.matcher(size).matches()) {
                // the size becomes part of a file name: nothing but a size may get there
                throw bad(k + "pageSize", quoted(size == null ? "" : size), "is not a page size such as 2MB or 1GB");
            }
            String limit = uint64(l.get("limit"), k + "limit");
            if (limit == null) {
                throw bad(k + "limit", "(none)", "is required");
            }
            add(k + "limit", limit, "hugetlb." + size + ".max", limit, null);
            // reservations are limited too where the kernel has them (5.10+): a limit on
            // page faults alone lets a task reserve pages it then dies faulting in (SIGBUS)
            if (exists("hugetlb." + size + ".rsvd.max")) {
                add(k + "limit", limit, "hugetlb." + size + ".rsvd.max", limit, null);
            }
        }
    }

    private void rdma(JsonNode rdma) {
        for (Iterator<Map.Entry<String, JsonNode>> it = rdma.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String device = e.getKey();
            String k = R + "rdma[" + quoted(device) + "]";
            if (!RDMA_DEVICE.matcher(device).matches()) {
                throw bad(k, quoted(device), "is not an RDMA device name");
            }
            Long handles = unsigned(e.getValue().get("hcaHandles"), k + ".hcaHandles");
            Long objects = unsigned(e.getValue().get("hcaObjects"), k + ".hcaObjects");
            if (handles == null && objects == null) {
                throw bad(k, e.getValue(), "needs hcaHandles or hcaObjects");
            }
            String line = device + (handles != null ? " hca_handle=" + handles : "")
                    + (objects != null ? " hca_object=" + objects : "");
            add(k, e.getValue().toString(), "rdma.max", line,
                    deviceLine("rdma.max", device, device + " hca_handle=max hca_object=max"));
        }
    }

    /**
     * Written as given, one line per write (a file such as io.max takes one entry per
     * write). The key must be a file of this cgroup: "controller.parameter", no path.
     */
    private void unified(JsonNode unified) {
        for (Iterator<Map.Entry<String, JsonNode>> it = unified.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String file = e.getKey();
            String k = R + "unified[" + quoted(file) + "]";
            if (!e.getValue().isTextual()) {
                throw bad(k, e.getValue(), "is not a string");
            }
            String value = e.getValue().asText();
            if (file.contains("/") || file.indexOf('.') < 1 || file.endsWith(".")) {
                throw bad(k, quoted(value),
                        "the key must be a cgroup file name such as memory.high (controller.parameter, no '/')");
            }
            List<String> lines = value.lines().filter(l -> !l.isBlank()).toList();
            for (String line : lines.isEmpty() ? List.of("\n") : lines) { // a blank value still gets written
                add(k, quoted(value), file, line, null);
            }
        }
    }
}

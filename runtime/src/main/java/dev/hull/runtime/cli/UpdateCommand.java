package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerResources;
import dev.hull.runtime.spec.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "update", description = "Change the resource limits of a running container.")
final class UpdateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    HullRuntimeCli app;

    @Option(names = {"-r", "--resources"}, paramLabel = "FILE",
            description = "linux.resources JSON to apply ('-' reads standard input); the flags are then ignored")
    String resources;

    @Option(names = "--blkio-weight", description = "block IO weight, 10 to 1000")
    Long blkioWeight;
    @Option(names = "--cpu-period", description = "CFS period in microseconds")
    Long cpuPeriod;
    @Option(names = "--cpu-quota", description = "CFS quota in microseconds per period (-1: none)")
    Long cpuQuota;
    @Option(names = "--cpu-burst", description = "CFS burst in microseconds")
    Long cpuBurst;
    @Option(names = "--cpu-share", description = "CPU shares (relative weight)")
    Long cpuShare;
    @Option(names = "--cpu-rt-period", description = "realtime period in microseconds")
    Long cpuRtPeriod;
    @Option(names = "--cpu-rt-runtime", description = "realtime runtime in microseconds")
    Long cpuRtRuntime;
    @Option(names = "--cpu-idle", description = "1: SCHED_IDLE for the cgroup, 0: normal")
    Long cpuIdle;
    @Option(names = "--cpuset-cpus", description = "CPUs to use, e.g. 0-1")
    String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "memory nodes to use")
    String cpusetMems;
    @Option(names = "--memory", description = "memory limit, e.g. 64m (-1: none)")
    String memory;
    @Option(names = "--memory-reservation", description = "memory soft limit")
    String memoryReservation;
    @Option(names = "--memory-swap", description = "memory + swap limit (-1: unlimited swap)")
    String memorySwap;
    @Option(names = "--pids-limit", description = "maximum number of processes (-1: none)")
    Long pidsLimit;
    @Option(names = {"--kernel-memory", "--kernel-memory-tcp"}, hidden = true, description = "ignored, as by runc")
    String kernelMemory;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        JsonNode r = resources != null ? readResources() : fromFlags();
        ContainerResources.update(app.context(), id, r);
        return 0;
    }

    private JsonNode readResources() {
        try (InputStream in = resources.equals("-") ? System.in : Files.newInputStream(Path.of(resources))) {
            JsonNode r = JSON.readTree(in);
            if (r == null || !r.isObject()) {
                throw new ContainerException("--resources " + resources + ": expected a JSON object (linux.resources)");
            }
            return r;
        } catch (IOException e) {
            throw new ContainerException("--resources " + resources + ": " + e.getMessage(), e);
        }
    }

    private JsonNode fromFlags() {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode mem = r.putObject("memory");
        bytes(mem, "limit", "--memory", memory);
        bytes(mem, "reservation", "--memory-reservation", memoryReservation);
        bytes(mem, "swap", "--memory-swap", memorySwap);
        if (memory != null && memory.equals("-1") && memorySwap == null) {
            mem.put("swap", -1); // an unlimited memory limit needs an unlimited memsw first
        }
        ObjectNode cpu = r.putObject("cpu");
        put(cpu, "shares", cpuShare);
        put(cpu, "quota", cpuQuota);
        put(cpu, "period", cpuPeriod);
        put(cpu, "burst", cpuBurst);
        put(cpu, "realtimePeriod", cpuRtPeriod);
        put(cpu, "realtimeRuntime", cpuRtRuntime);
        put(cpu, "idle", cpuIdle);
        if (cpusetCpus != null) {
            cpu.put("cpus", cpusetCpus);
        }
        if (cpusetMems != null) {
            cpu.put("mems", cpusetMems);
        }
        if (blkioWeight != null) {
            r.putObject("blockIO").put("weight", blkioWeight);
        }
        if (pidsLimit != null) {
            r.putObject("pids").put("limit", pidsLimit);
        }
        return r;
    }

    private static void bytes(ObjectNode o, String key, String flag, String value) {
        if (value == null) {
            return;
        }
        try {
            o.put(key, value.equals("-1") ? -1 : ByteSize.parse(flag, value));
        } catch (IllegalArgumentException e) {
            throw new ContainerException(e.getMessage());
        }
    }

    private static void put(ObjectNode o, String key, Long value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}

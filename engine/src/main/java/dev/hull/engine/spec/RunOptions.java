package dev.hull.engine.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `hull create/run` flags ask of a container's runtime configuration, already
 * parsed (sizes in bytes, names resolved to paths). Null means "not given": the
 * image's value or docker's default applies. Built with {@link #builder()}.
 *
 * @param entrypoint   --entrypoint (an empty list clears the image's)
 * @param cmd          the arguments after the image name (empty: the image's Cmd)
 * @param memorySwap   --memory-swap: memory plus swap, -1 unlimited
 * @param cpus         --cpus, e.g. 0.5
 * @param mounts       binds, volumes (source already the volume's directory) and tmpfs mounts
 * @param shmSize      size of /dev/shm in bytes (docker: 64 MiB)
 * @param cgroupsPath  --cgroup-parent: the cgroup the container's own cgroup (named by its ID) goes under;
 *                     null: /hull
 */
public record RunOptions(List<String> entrypoint, List<String> cmd, List<String> env, String workdir, String user,
                         String hostname, boolean tty, boolean readOnly, boolean privileged, boolean noNewPrivileges,
                         List<String> capAdd, List<String> capDrop, List<Ulimit> ulimits,
                         List<DeviceRequest> devices, Map<String, String> sysctls, long shmSize, Long memory,
                         Long memorySwap, Long memoryReservation, Double cpus, Long cpuShares, String cpusetCpus,
                         Long pidsLimit, NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts,
                         NamespaceMode network, List<MountRequest> mounts, String cgroupsPath) {

    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    public RunOptions {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        ulimits = List.copyOf(ulimits);
        devices = List.copyOf(devices);
        sysctls = Map.copyOf(sysctls);
        mounts = List.copyOf(mounts);
    }

    /** The same options with the container's cgroup at {@code path}. */
    public RunOptions withCgroupsPath(String path) {
        return new RunOptions(entrypoint, cmd, env, workdir, user, hostname, tty, readOnly, privileged,
                noNewPrivileges, capAdd, capDrop, ulimits, devices, sysctls, shmSize, memory, memorySwap,
                memoryReservation, cpus, cpuShares, cpusetCpus, pidsLimit, pid, ipc, uts, network, mounts, path);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects flags one by one; every list starts empty and every mode private. */
    public static final class Builder {
        private List<String> entrypoint;
        private List<String> cmd = List.of();
        private final List<String> env = new ArrayList<>();
        private String workdir;
        private String user;
        private String hostname;
        private boolean tty;
        private boolean readOnly;
        private boolean privileged;
        private boolean noNewPrivileges;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private final List<Ulimit> ulimits = new ArrayList<>();
        private final List<DeviceRequest> devices = new ArrayList<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private long shmSize = DEFAULT_SHM_SIZE;
        private Long memory;
        private Long memorySwap;
        private Long memoryReservation;
        private Double cpus;
        private Long cpuShares;
        private String cpusetCpus;
        private Long pidsLimit;
        private NamespaceMode pid = NamespaceMode.PRIVATE;
        private NamespaceMode ipc = NamespaceMode.PRIVATE;
        private NamespaceMode uts = NamespaceMode.PRIVATE;
        private NamespaceMode network = NamespaceMode.PRIVATE;
        private final List<MountRequest> mounts = new ArrayList<>();
        private String cgroupsPath;

        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
        public Builder cmd(List<String> v) { cmd = v; return this; }
        public Builder env(String v) { env.add(v); return this; }
        public Builder workdir(String v) { workdir = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder tty(boolean v) { tty = v; return this; }
        public Builder readOnly(boolean v) { readOnly = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder noNewPrivileges(boolean v) { noNewPrivileges = v; return this; }
        public Builder capAdd(String v) { capAdd.add(v); return this; }
        public Builder capDrop(String v) { capDrop.add(v); return this; }
        public Builder ulimit(Ulimit v) { ulimits.add(v); return this; }
        public Builder device(DeviceRequest v) { devices.add(v); return this; }
        public Builder sysctl(String k, String v) { sysctls.put(k, v); return this; }
        public Builder shmSize(long v) { shmSize = v; return this; }
        public Builder memory(Long v) { memory = v; return this; }
        public Builder memorySwap(Long v) { memorySwap = v; return this; }
        public Builder memoryReservation(Long v) { memoryReservation = v; return this; }
        public Builder cpus(Double v) { cpus = v; return this; }
        public Builder cpuShares(Long v) { cpuShares = v; return this; }
        public Builder cpusetCpus(String v) { cpusetCpus = v; return this; }
        public Builder pidsLimit(Long v) { pidsLimit = v; return this; }
        public Builder pid(NamespaceMode v) { pid = v; return this; }
        public Builder ipc(NamespaceMode v) { ipc = v; return this; }
        public Builder uts(NamespaceMode v) { uts = v; return this; }
        public Builder network(NamespaceMode v) { network = v; return this; }
        public Builder mount(MountRequest v) { mounts.add(v); return this; }
        public Builder cgroupsPath(String v) { cgroupsPath = v; return this; }

        public RunOptions build() {
            return new RunOptions(entrypoint, cmd, env, workdir, user, hostname, tty, readOnly, privileged,
                    noNewPrivileges, capAdd, capDrop, ulimits, devices, sysctls, shmSize, memory, memorySwap,
                    memoryReservation, cpus, cpuShares, cpusetCpus, pidsLimit, pid, ipc, uts, network, mounts,
                    cgroupsPath);
        }
    }
}

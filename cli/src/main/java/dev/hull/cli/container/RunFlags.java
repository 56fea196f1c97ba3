package dev.hull.cli.container;

import dev.hull.engine.container.ContainerDoc;
import dev.hull.engine.container.CreateContainer;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.container.RestartPolicy;
import dev.hull.engine.spec.DeviceRequest;
import dev.hull.engine.spec.FlagException;
import dev.hull.engine.spec.HostEntry;
import dev.hull.engine.spec.MountRequest;
import dev.hull.engine.spec.NamespaceMode;
import dev.hull.engine.spec.RunOptions;
import dev.hull.engine.spec.Ulimit;
import dev.hull.runtime.spec.ByteSize;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flags `hull create` and `hull run` share, with docker's names, turned into a create request. */
public final class RunFlags {

    @Option(names = "--name") String name;
    @Option(names = {"-e", "--env"}) List<String> env = new ArrayList<>();
    @Option(names = "--env-file") List<Path> envFiles = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}) String workdir;
    @Option(names = {"-u", "--user"}) String user;
    @Option(names = {"-h", "--hostname"}) String hostname;
    @Option(names = "--entrypoint") String entrypoint;
    @Option(names = {"-l", "--label"}) List<String> labels = new ArrayList<>();
    @Option(names = {"-v", "--volume"}) List<String> volumes = new ArrayList<>();
    @Option(names = "--mount") List<String> mounts = new ArrayList<>();
    @Option(names = "--tmpfs") List<String> tmpfs = new ArrayList<>();
    @Option(names = "--read-only") boolean readOnly;
    @Option(names = {"-m", "--memory"}) String memory;
    @Option(names = "--memory-swap") String memorySwap;
    @Option(names = "--memory-reservation") String memoryReservation;
    @Option(names = "--cpus") Double cpus;
    @Option(names = {"-c", "--cpu-shares"}) Long cpuShares;
    @Option(names = "--cpuset-cpus") String cpusetCpus;
    @Option(names = "--pids-limit") Long pidsLimit;
    @Option(names = "--ulimit") List<String> ulimits = new ArrayList<>();
    @Option(names = "--cap-add") List<String> capAdd = new ArrayList<>();
    @Option(names = "--cap-drop") List<String> capDrop = new ArrayList<>();
    @Option(names = "--privileged") boolean privileged;
    @Option(names = "--security-opt") List<String> securityOpts = new ArrayList<>();
    @Option(names = "--device") List<String> devices = new ArrayList<>();
    @Option(names = "--sysctl") List<String> sysctls = new ArrayList<>();
    @Option(names = "--shm-size") String shmSize;
    @Option(names = "--pid") String pid;
    @Option(names = "--ipc") String ipc;
    @Option(names = "--uts") String uts;
    @Option(names = {"--network", "--net"}) String network;
    @Option(names = "--add-host") List<String> addHosts = new ArrayList<>();
    @Option(names = "--dns") List<String> dns = new ArrayList<>();
    @Option(names = "--restart") String restart = "no";
    @Option(names = "--rm") boolean autoRemove;
    @Option(names = "--stop-signal") String stopSignal;
    @Option(names = "--stop-timeout") Integer stopTimeout;
    @Option(names = {"-i", "--interactive"}) boolean interactive;
    @Option(names = {"-t", "--tty"}) boolean tty;
    @Option(names = "--log-opt") List<String> logOpts = new ArrayList<>();
    @Option(names = "--cgroup-parent") String cgroupParent;
    @Option(names = "--rootfs", paramLabel = "DIR",
            description = "Run in this directory as the root filesystem (no image); the first argument is the command.")
    Path rootfs;

    @Parameters(paramLabel = "IMAGE [COMMAND] [ARG...]") List<String> rest = new ArrayList<>();

    /**
     * The create request these flags describe. {@code containerPid} turns a
     * container:NAME into its pid; {@code images} finds (or, for busybox with no
     * registry, builds) the image.
     */
    CreateContainer.Request request(java.util.function.Function<String, Integer> containerPid, ImageLookup images) {
        List<String> command = rest;
        ImageLookup.Found image = null;
        if (rootfs == null) {
            if (rest.isEmpty()) {
                throw new FlagException("\"run\" requires at least 1 argument: IMAGE [COMMAND] [ARG...]");
            }
            image = images.find(rest.getFirst());
            command = rest.subList(1, rest.size());
        } else if (!Files.isDirectory(rootfs)) {
            throw new EngineException("--rootfs " + rootfs + ": no such directory");
        }
        RunOptions.Builder b = RunOptions.builder().cmd(command).workdir(workdir).user(user).hostname(hostname)
                .tty(tty).readOnly(readOnly).privileged(privileged).cpus(cpus).cpuShares(cpuShares)
                .cpusetCpus(cpusetCpus).pidsLimit(pidsLimit).cgroupsPath(cgroupParent);
        if (entrypoint != null) {
            b.entrypoint(entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
        }
        for (Path f : envFiles) {
            envFile(f).forEach(b::env);
        }
        for (String e : env) {
            b.env(e.contains("=") ? e : System.getenv(e) == null ? e : e + "=" + System.getenv(e));
        }
        volumes.forEach(v -> b.mount(bindSource(MountRequest.volumeFlag(v))));
        mounts.forEach(m -> b.mount(bindSource(MountRequest.mountFlag(m))));
        tmpfs.forEach(t -> b.mount(MountRequest.tmpfsFlag(t)));
        if (memory != null) {
            b.memory(ByteSize.parse("--memory", memory));
        }
        if (memorySwap != null) {
            b.memorySwap(memorySwap.equals("-1") ? -1L : ByteSize.parse("--memory-swap", memorySwap));
        }
        if (memoryReservation != null) {
            b.memoryReservation(ByteSize.parse("--memory-reservation", memoryReservation));
        }
        if (shmSize != null) {
            b.shmSize(ByteSize.parse("--shm-size", shmSize));
        }
        ulimits.forEach(u -> b.ulimit(Ulimit.parse(u)));
        capAdd.forEach(b::capAdd);
        capDrop.forEach(b::capDrop);
        devices.forEach(d -> b.device(DeviceRequest.parse(d)));
        for (String s : sysctls) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new FlagException("invalid argument \"" + s + "\" for \"--sysctl\" flag: sysctl '" + s
                        + "' is not allowed");
            }
            b.sysctl(s.substring(0, eq), s.substring(eq + 1));
        }
        for (String o : securityOpts) {
            switch (o) {
                case "no-new-privileges", "no-new-privileges:true", "no-new-privileges=true" -> b.noNewPrivileges(true);
                case "no-new-privileges:false", "no-new-privileges=false" -> b.noNewPrivileges(false);
                default -> throw new FlagException("invalid --security-opt: " + o
                        + " (hull supports no-new-privileges; seccomp, label and apparmor come with the LSM work)");
            }
        }
        b.pid(namespace("--pid", pid, "pid", containerPid)).ipc(namespace("--ipc", ipc, "ipc", containerPid))
                .uts(namespace("--uts", uts, "uts", containerPid))
                .network(namespace("--network", network, "net", containerPid));
        long maxSize = 0;
        int maxFiles = 1;
        for (String lo : logOpts) {
            if (lo.startsWith("max-size=")) {
                maxSize = ByteSize.parse("--log-opt max-size", lo.substring(9));
            } else if (lo.startsWith("max-file=")) {
                maxFiles = Integer.parseInt(lo.substring(9));
                if (maxFiles < 1) {
                    throw new FlagException("invalid value for max-file: " + lo.substring(9));
                }
            } else {
                throw new FlagException("unknown log opt '" + lo.split("=")[0] + "' for json-file log driver");
            }
        }
        if (maxFiles > 1 && maxSize == 0) {
            throw new FlagException("max-file cannot be set unless max-size is set");
        }
        RestartPolicy policy = RestartPolicy.parse(restart);
        if (autoRemove && policy.name() != RestartPolicy.Name.NO) {
            throw new FlagException("conflicting options: cannot specify both --restart and --rm");
        }
        if (stopSignal == null && image != null && image.config().stopSignal() != null) {
            stopSignal = image.config().stopSignal();
        }
        ContainerDoc doc = new ContainerDoc(b.build(), image == null ? null : image.id(),
                rootfs == null ? null : rootfs.toAbsolutePath().toString(), policy, autoRemove,
                stopSignal != null ? stopSignal : "SIGTERM", stopTimeout != null ? stopTimeout : 10, interactive,
                maxSize, maxFiles, addHosts.stream().map(HostEntry::parse).toList(), dns);
        return new CreateContainer.Request(name, image == null ? "" : image.name(), image == null ? "" : image.id(),
                doc, labels());
    }

    private Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            out.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        return out;
    }

    /** A bind's source must exist (docker: "invalid mount config ... bind source path does not exist"). */
    private static MountRequest bindSource(MountRequest m) {
        if (m.type() == MountRequest.Type.BIND) {
            Path src = Path.of(m.source()).toAbsolutePath().normalize();
            if (!Files.exists(src)) {
                throw new FlagException("invalid mount config for type \"bind\": bind source path does not exist: "
                        + src);
            }
            return new MountRequest(m.type(), src.toString(), m.target(), m.readOnly(), m.options());
        }
        if (m.type() == MountRequest.Type.VOLUME) {
            throw new EngineException("named and anonymous volumes are not supported yet: use a bind mount (-v "
                    + "/host/path:" + m.target() + ")");
        }
        return m;
    }

    private static NamespaceMode namespace(String flag, String value, String nsFile,
                                           java.util.function.Function<String, Integer> containerPid) {
        if (value == null || value.isEmpty() || value.equals("private") || value.equals("none")
                || (flag.equals("--network") && value.equals("bridge"))) {
            return NamespaceMode.PRIVATE;
        }
        if (value.equals("host")) {
            return NamespaceMode.HOST;
        }
        if (value.startsWith("container:")) {
            int p = containerPid.apply(value.substring("container:".length()));
            return NamespaceMode.join("/proc/" + p + "/ns/" + nsFile);
        }
        throw new FlagException("invalid value for " + flag + ": " + value);
    }

    private static List<String> envFile(Path f) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                out.add(t.contains("=") ? t : System.getenv(t) == null ? t : t + "=" + System.getenv(t));
            }
            return out;
        } catch (IOException e) {
            throw new FlagException("open " + f + ": no such file or directory");
        }
    }
}

package dev.hull.engine.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.spec.Linux;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Mount;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Rlimit;
import dev.hull.runtime.spec.Root;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecDefaults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's runtime configuration, the way docker makes it: the image's
 * config (Entrypoint, Cmd, Env, WorkingDir, User) under the user's flags, docker's
 * default mounts, capabilities, masked and read-only paths, and the resource flags
 * in linux.resources. Pure: every host fact it needs comes in as a parameter.
 */
public final class ContainerSpecBuilder {

    /** docker's masked paths (moby's oci defaults). */
    static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private ContainerSpecBuilder() {
    }

    /**
     * @param etc        the container's own /etc/hosts, /etc/hostname and /etc/resolv.conf on the
     *                   host (bound into it), by file name; may be empty
     * @param devices    the host devices --device names, as found on the host
     */
    public static Spec build(String id, RunOptions o, ContainerConfig image, String rootfs, UserResolver users,
                             Map<String, String> etc, List<LinuxDevice> devices) {
        List<String> args = args(o, image);
        String hostname = o.uts().kind() == NamespaceMode.Kind.PRIVATE
                ? (o.hostname() != null ? o.hostname() : id.substring(0, Math.min(12, id.length()))) : null;
        List<String> caps = CapabilitySet.resolve(o.capAdd(), o.capDrop(), o.privileged());
        List<Rlimit> rlimits = o.ulimits().stream().map(Ulimit::toRlimit).toList();
        Process process = new Process(o.tty(), null, users.resolve(o.user() != null ? o.user() : image.user()),
                args, env(o, image, hostname), cwd(o, image), new Capabilities(caps, caps, null, caps, null),
                rlimits, o.noNewPrivileges(), null, null, null, null, null);
        Linux linux = new Linux(namespaces(o), null, null, null, devices, o.cgroupsPath(), resources(o, devices),
                null, o.privileged() ? List.of() : MASKED, o.privileged() ? List.of() : READONLY, null,
                o.sysctls(), null, null, null);
        return new Spec(SpecDefaults.OCI_VERSION, process, new Root(rootfs, o.readOnly()), hostname, null,
                mounts(o, etc), null, Map.of(), linux);
    }

    /** Entrypoint + Cmd: --entrypoint replaces the image's and drops its Cmd, as docker does. */
    public static List<String> args(RunOptions o, ContainerConfig image) {
        List<String> entry = o.entrypoint() != null ? o.entrypoint()
                : image.entrypoint() != null ? image.entrypoint() : List.of();
        List<String> cmd = !o.cmd().isEmpty() ? o.cmd()
                : o.entrypoint() == null && image.cmd() != null ? image.cmd() : List.of();
        List<String> args = new ArrayList<>(entry);
        args.addAll(cmd);
        if (args.isEmpty()) {
            throw new FlagException("no command specified");
        }
        return args;
    }

    /** PATH if the image has none, HOSTNAME, TERM with a terminal, the image's Env, then -e (by name). */
    static List<String> env(RunOptions o, ContainerConfig image, String hostname) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SpecDefaults.DEFAULT_PATH);
        if (hostname != null) {
            env.put("HOSTNAME", hostname);
        }
        if (o.tty()) {
            env.put("TERM", "xterm");
        }
        for (String kv : image.env()) {
            put(env, kv);
        }
        for (String kv : o.env()) {
            put(env, kv);
        }
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static void put(Map<String, String> env, String kv) {
        int eq = kv.indexOf('=');
        if (eq == 0 || kv.isEmpty()) {
            throw new FlagException("invalid environment variable: " + kv);
        }
        if (eq < 0) {
            // "-e NAME" takes the client's value; the CLI expands it, so one left here is unset: skip it
            return;
        }
        env.put(kv.substring(0, eq), kv.substring(eq + 1)); // an override keeps the variable's place
    }

    private static String cwd(RunOptions o, ContainerConfig image) {
        String w = o.workdir() != null ? o.workdir() : image.workingDir();
        if (w == null || w.isEmpty()) {
            return "/";
        }
        if (!w.startsWith("/")) {
            throw new FlagException("the working directory '" + w + "' is invalid, it needs to be an absolute path");
        }
        return w;
    }

    private static List<LinuxNamespace> namespaces(RunOptions o) {
        List<LinuxNamespace> ns = new ArrayList<>(List.of(LinuxNamespace.create(LinuxNamespace.MOUNT)));
        add(ns, LinuxNamespace.PID, o.pid());
        add(ns, LinuxNamespace.IPC, o.ipc());
        add(ns, LinuxNamespace.UTS, o.uts());
        add(ns, LinuxNamespace.NETWORK, o.network());
        return ns;
    }

    private static void add(List<LinuxNamespace> ns, String type, NamespaceMode mode) {
        switch (mode.kind()) {
            case PRIVATE -> ns.add(LinuxNamespace.create(type));
            case JOIN -> ns.add(new LinuxNamespace(type, mode.path()));
            case HOST -> { }
        }
    }

    private static List<Mount> mounts(RunOptions o, Map<String, String> etc) {
        String sysMode = o.privileged() ? "rw" : "ro";
        List<Mount> m = new ArrayList<>(List.of(
                new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup",
                        List.of("nosuid", "noexec", "nodev", "relatime", sysMode)),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + o.shmSize()))));
        for (String file : List.of("resolv.conf", "hostname", "hosts")) {
            String src = etc.get(file);
            if (src != null) {
                m.add(new Mount("/etc/" + file, "bind", src, List.of("rbind", "rprivate", o.readOnly() ? "ro" : "rw")));
            }
        }
        for (MountRequest r : o.mounts()) {
            List<String> opts = new ArrayList<>();
            if (r.type() == MountRequest.Type.TMPFS) {
                opts.addAll(List.of("nosuid", "nodev", "noexec"));
                opts.addAll(r.options());
                if (r.readOnly()) {
                    opts.add("ro");
                }
                m.add(new Mount(r.target(), "tmpfs", "tmpfs", opts));
            } else {
                opts.add("rbind");
                opts.add(r.readOnly() ? "ro" : "rw");
                opts.addAll(r.options().stream().filter(x -> !x.equals("nocopy")).toList());
                if (r.options().stream().noneMatch(x -> x.endsWith("shared") || x.endsWith("slave")
                        || x.endsWith("private"))) {
                    opts.add("rprivate");
                }
                m.add(new Mount(r.target(), "bind", r.source(), opts));
            }
        }
        return m;
    }

    /** linux.resources in runtime-spec terms; the runtime converts for cgroup v2. */
    public static ObjectNode resources(RunOptions o, List<LinuxDevice> devices) {
        ObjectNode res = JsonNodeFactory.instance.objectNode();
        var devs = res.putArray("devices");
        if (o.privileged()) {
            devs.addObject().put("allow", true).put("access", "rwm");
        } else {
            devs.addObject().put("allow", false).put("access", "rwm");
            for (int i = 0; i < devices.size(); i++) {
                LinuxDevice d = devices.get(i);
                devs.addObject().put("allow", true).put("type", d.type()).put("major", d.major())
                        .put("minor", d.minor()).put("access", o.devices().get(i).permissions());
            }
        }
        if (o.memory() != null || o.memorySwap() != null || o.memoryReservation() != null) {
            ObjectNode mem = res.putObject("memory");
            if (o.memory() != null) {
                mem.put("limit", o.memory());
            }
            if (o.memorySwap() != null) {
                if (o.memory() == null && o.memorySwap() != -1) {
                    throw new FlagException("you should always set the memory limit when using the memoryswap limit");
                }
                if (o.memorySwap() != -1 && o.memorySwap() < o.memory()) {
                    throw new FlagException("minimum memoryswap limit should be larger than memory limit, "
                            + "see usage");
                }
                mem.put("swap", o.memorySwap());
            }
            if (o.memoryReservation() != null) {
                mem.put("reservation", o.memoryReservation());
            }
        }
        if (o.cpus() != null || o.cpuShares() != null || o.cpusetCpus() != null) {
            ObjectNode cpu = res.putObject("cpu");
            if (o.cpus() != null) {
                if (o.cpus() <= 0) {
                    throw new FlagException("invalid argument \"" + o.cpus() + "\" for \"--cpus\" flag: "
                            + "range of CPUs is from 0.01 to the number of CPUs available");
                }
                cpu.put("period", 100_000L).put("quota", Math.round(o.cpus() * 100_000));
            }
            if (o.cpuShares() != null) {
                cpu.put("shares", o.cpuShares());
            }
            if (o.cpusetCpus() != null) {
                cpu.put("cpus", o.cpusetCpus());
            }
        }
        if (o.pidsLimit() != null) {
            res.putObject("pids").put("limit", o.pidsLimit());
        }
        return res;
    }
}

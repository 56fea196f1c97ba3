package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The starter config that {@code runc spec} writes (and {@code runc spec --rootless}):
 * {@code sh} on a terminal in a read-only {@code rootfs}, three capabilities, the
 * standard mounts, masked and read-only paths, and new pid, network, ipc, uts and
 * mount namespaces (plus cgroup on a cgroup v2 host).
 */
public final class SpecDefaults {

    public static final String OCI_VERSION = "1.2.0";
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final List<String> CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    private SpecDefaults() {
    }

    /** The default config for this host: cgroup namespace on a cgroup v2 host, mappings to the current ids. */
    public static Spec spec(boolean rootless) {
        boolean unified = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        long[] ids = currentIds();
        return spec(rootless, unified, ids[0], ids[1]);
    }

    /**
     * The default config, independent of the host.
     *
     * @param cgroupV2Unified add a cgroup namespace (runc does on a cgroup v2 host)
     * @param uid             with rootless: the host uid that container uid 0 maps to
     * @param gid             with rootless: the host gid that container gid 0 maps to
     */
    public static Spec spec(boolean rootless, boolean cgroupV2Unified, long uid, long gid) {
        Process process = new Process(true, null, new User(0, 0, null, null),
                List.of("sh"), List.of("PATH=" + DEFAULT_PATH, "TERM=xterm"), "/",
                new Capabilities(CAPS, CAPS, null, CAPS, null),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null, null, null);
        List<Mount> mounts = new ArrayList<>(List.of(
                new Mount("/proc", "proc", "proc", List.of()),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup",
                        List.of("nosuid", "noexec", "nodev", "relatime", "ro"))));
        List<LinuxNamespace> namespaces = new ArrayList<>();
        for (String t : List.of(LinuxNamespace.PID, LinuxNamespace.NETWORK, LinuxNamespace.IPC, LinuxNamespace.UTS,
                LinuxNamespace.MOUNT)) {
            namespaces.add(LinuxNamespace.create(t));
        }
        if (cgroupV2Unified) {
            namespaces.add(LinuxNamespace.create(LinuxNamespace.CGROUP));
        }
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.putArray("devices").addObject().put("allow", false).put("access", "rwm");
        List<String> masked = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                "/proc/scsi", "/sys/devices/virtual/tpm");
        List<String> readonly = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
        Linux linux = new Linux(namespaces, null, null, null, null, null, resources, null, masked, readonly, null,
                null, null, null, null);
        Spec spec = new Spec(OCI_VERSION, process, new Root("rootfs", true), "runc", null, mounts, null, null,
                linux);
        return rootless ? toRootless(spec, uid, gid) : spec;
    }

    /**
     * What {@code runc spec --rootless} changes: no network namespace, a user namespace
     * mapping container root to the given ids, /sys bound from the host instead of a
     * new sysfs, no uid=/gid= mount options, no cgroup resources.
     */
    public static Spec toRootless(Spec spec, long uid, long gid) {
        Linux l = spec.linuxOrEmpty();
        List<LinuxNamespace> namespaces = new ArrayList<>();
        for (LinuxNamespace n : l.namespaces()) {
            if (!n.type().equals(LinuxNamespace.NETWORK) && !n.type().equals(LinuxNamespace.USER)) {
                namespaces.add(n);
            }
        }
        namespaces.add(LinuxNamespace.create(LinuxNamespace.USER));
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            if (Path.of(m.destination()).normalize().equals(Path.of("/sys"))) {
                mounts.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
                continue;
            }
            List<String> options = m.options().stream()
                    .filter(o -> !o.startsWith("uid=") && !o.startsWith("gid=")).toList();
            mounts.add(new Mount(m.destination(), m.type(), m.source(), options, m.uidMappings(), m.gidMappings()));
        }
        Linux rootless = l.withNamespaces(namespaces)
                .withIdMappings(List.of(new IdMapping(0, uid, 1)), List.of(new IdMapping(0, gid, 1)))
                .withResources(null);
        return spec.withMounts(mounts).withLinux(rootless);
    }

    /** Effective uid and gid from /proc/self/status (0, 0 if unreadable). */
    private static long[] currentIds() {
        long[] ids = {0, 0};
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] f = line.split("\\s+");
                if (f.length > 2 && f[0].equals("Uid:")) {
                    ids[0] = Long.parseLong(f[2]);
                } else if (f.length > 2 && f[0].equals("Gid:")) {
                    ids[1] = Long.parseLong(f[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux: root
        }
        return ids;
    }
}

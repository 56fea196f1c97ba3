package dev.hull.runtime.plan;

import dev.hull.runtime.spec.Linux;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Mount;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hull.runtime.plan.MountOptions.MS_BIND;
import static dev.hull.runtime.plan.MountOptions.MS_RDONLY;
import static dev.hull.runtime.plan.MountOptions.MS_REC;
import static dev.hull.runtime.plan.MountOptions.MS_REMOUNT;
import static dev.hull.runtime.plan.Step.Mount.BIND_SOURCE_STAT;
import static dev.hull.runtime.plan.Step.Mount.MKDIR;
import static dev.hull.runtime.plan.Step.Mount.MKFILE;
import static dev.hull.runtime.plan.Step.Mount.TARGET_IN_ROOT;

/**
 * The container's file system steps, in the root set by SET_ROOT: the config's mounts
 * (with runc's special cases for sysfs, mqueue and cgroup), then the /dev devices and
 * symlinks when /dev is not bound from the host.
 */
final class RootfsCompiler {

    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    /** The devices every container gets (runc's list), as char devices 0666 root:root. */
    private static final List<LinuxDevice> DEFAULT_DEVICES = List.of(
            device("/dev/null", 1, 3), device("/dev/zero", 1, 5), device("/dev/full", 1, 7),
            device("/dev/random", 1, 8), device("/dev/urandom", 1, 9), device("/dev/tty", 5, 0));

    private final Spec spec;
    private final Linux linux;
    private final CreateOptions o;
    private final List<Step> out;
    private final boolean userns;

    RootfsCompiler(Spec spec, CreateOptions o, List<Step> out) {
        this.spec = spec;
        this.linux = spec.linuxOrEmpty();
        this.o = o;
        this.out = out;
        this.userns = linux.hasNamespace(LinuxNamespace.USER);
    }

    private static LinuxDevice device(String path, long major, long minor) {
        return new LinuxDevice("c", path, major, minor, 0666L, 0L, 0L);
    }

    static String clean(String path) {
        return Path.of(path).normalize().toString();
    }

    static boolean isBind(Mount m) {
        return "bind".equals(m.type()) || MountOptions.parse(m.options()).bind();
    }

    private static MountOptions options(int i, Mount m) {
        try {
            return MountOptions.parse(m.options());
        } catch (IllegalArgumentException e) {
            throw new SpecException("mounts[" + i + "].options: " + e.getMessage());
        }
    }

    /** Every mount of the config, in order. */
    void mounts() {
        for (int i = 0; i < spec.mounts().size(); i++) {
            mount(i, spec.mounts().get(i));
        }
    }

    private void mount(int i, Mount m) {
        if (m.destination() == null || !m.destination().startsWith("/")) {
            throw new SpecException("mounts[" + i + "].destination \"" + m.destination()
                    + "\" is not an absolute path");
        }
        if (!m.uidMappings().isEmpty() || !m.gidMappings().isEmpty()) {
            throw new SpecException("mounts[" + i + "]: idmapped mounts are not supported yet");
        }
        MountOptions mo = options(i, m);
        String dest = clean(m.destination());
        long flags = mo.flags() & ~(MS_BIND | MS_REC);
        String type = m.type() == null ? "" : m.type();
        if (mo.bind() || type.equals("bind")) {
            if (m.source() == null || m.source().isEmpty()) {
                throw new SpecException("mounts[" + i + "].source is required for a bind mount");
            }
            String source = o.bundle().resolve(m.source()).normalize().toString();
            bind(source, dest, mo.recursive(), flags & ~MS_REMOUNT, mo.propagation());
            return;
        }
        switch (type) {
            // sysfs can only be mounted by the owner of the network namespace
            case "sysfs" -> {
                if (userns && !linux.newNamespace(LinuxNamespace.NETWORK)) {
                    bind("/sys", dest, true, flags, mo.propagation());
                    return;
                }
            }
            // likewise mqueue and the ipc namespace
            case "mqueue" -> {
                if (userns && !linux.newNamespace(LinuxNamespace.IPC)) {
                    bind("/dev/mqueue", dest, false, flags, mo.propagation());
                    return;
                }
            }
            case "cgroup" -> {
                cgroup(i, dest, flags, mo.propagation());
                return;
            }
            case "" -> throw new SpecException("mounts[" + i + "].type is required (or a bind option)");
            default -> {
            }
        }
        // /dev stays writable until its devices exist; it is made read-only at the end (as runc)
        long mountFlags = dest.equals("/dev") ? flags & ~MS_RDONLY : flags;
        out.add(new Step.Mount("mount " + type + " on " + dest, TARGET_IN_ROOT | MKDIR,
                m.source() == null ? "" : m.source(), dest, type, mountFlags, label(type, mo.data())));
        propagate(dest, mo.propagation());
    }

    /** SELinux: the mount label goes into the data of the file systems that take one (as runc). */
    private String label(String type, String data) {
        String label = linux.mountLabel();
        if (label == null || label.isEmpty() || !o.lsm().selinux()
                || List.of("proc", "sysfs", "mqueue", "cgroup", "cgroup2").contains(type)) {
            return data;
        }
        String context = "context=\"" + label + "\"";
        return data.isEmpty() ? context : data + "," + context;
    }

    /** A bind mount; flags other than bind need a remount to take effect. */
    private void bind(String source, String dest, boolean recursive, long flags, List<Long> propagation) {
        out.add(new Step.Mount((recursive ? "rbind " : "bind ") + source + " on " + dest,
                TARGET_IN_ROOT | BIND_SOURCE_STAT, source, dest, "", MS_BIND | (recursive ? MS_REC : 0), ""));
        propagate(dest, propagation);
        if (flags != 0) {
            remount(dest, flags);
        }
    }

    private void remount(String dest, long flags) {
        String what = (flags & MS_RDONLY) != 0 ? "read-only" : "with " + MountOptions.describe(flags);
        out.add(new Step.Mount("remount " + dest + " " + what, TARGET_IN_ROOT, "", dest, "",
                MS_BIND | MS_REMOUNT | flags, ""));
    }

    private void propagate(String dest, List<Long> propagation) {
        for (long p : propagation) {
            out.add(new Step.Mount("make " + dest + " " + MountOptions.propagationName(p), TARGET_IN_ROOT, "", dest,
                    "", p, ""));
        }
    }

    /**
     * A cgroup mount. cgroup v1: a tmpfs holding one directory per hierarchy, each a new
     * cgroup file system in a cgroup namespace or else a bind of the container's own
     * cgroup directory; merged hierarchies get symlinks (cpu -> cpu,cpuacct). v2 only:
     * cgroup2 itself, or a bind of the container's directory.
     */
    private void cgroup(int i, String dest, long flags, List<Long> propagation) {
        List<CgroupMount> cms = o.cgroupMounts();
        if (cms.isEmpty()) {
            throw new SpecException("mounts[" + i + "]: a cgroup mount on " + dest
                    + " needs the host's cgroup hierarchies, and none were given");
        }
        boolean cgroupns = linux.hasNamespace(LinuxNamespace.CGROUP);
        if (cms.stream().noneMatch(CgroupMount::v1)) {
            CgroupMount c = cms.get(0);
            if (cgroupns) {
                out.add(new Step.Mount("mount cgroup2 on " + dest, TARGET_IN_ROOT | MKDIR, "cgroup2", dest, "cgroup2",
                        flags, ""));
                propagate(dest, propagation);
            } else {
                bind(c.hostDir().toString(), dest, true, flags, propagation);
            }
            return;
        }
        out.add(new Step.Mount("mount tmpfs on " + dest, TARGET_IN_ROOT | MKDIR, "tmpfs", dest, "tmpfs",
                flags & ~MS_RDONLY, "mode=755"));
        propagate(dest, propagation);
        for (CgroupMount c : cms) {
            if (c.name().isEmpty() || c.name().contains("/") || c.name().equals("..") || c.name().equals(".")) {
                throw new IllegalArgumentException("cgroup hierarchy name \"" + c.name()
                        + "\" cannot be a directory of a cgroup v1 mount");
            }
            String sub = dest.equals("/") ? "/" + c.name() : dest + "/" + c.name();
            if (cgroupns) {
                out.add(new Step.Mount("mount " + c.fsType() + " on " + sub, TARGET_IN_ROOT | MKDIR, c.fsType(), sub,
                        c.fsType(), flags, c.options()));
                propagate(sub, propagation);
            } else {
                bind(c.hostDir().toString(), sub, true, flags, propagation);
            }
            if (c.name().contains(",")) {
                for (String part : c.name().split(",")) {
                    String link = (dest.equals("/") ? "" : dest) + "/" + part;
                    out.add(new Step.Symlink("symlink " + link + " -> " + c.name(), c.name(), link));
                }
            }
        }
        if ((flags & MS_RDONLY) != 0) {
            remount(dest, flags);
        }
    }

    /** True unless /dev is bound from the host: then the devices are made here (runc's rule). */
    boolean setsUpDev() {
        return spec.mounts().stream().noneMatch(m -> m.destination() != null && isBind(m)
                && clean(m.destination()).equals("/dev"));
    }

    /**
     * Device nodes (bound from the host in a user namespace, where mknod is not
     * allowed), /dev/ptmx for the devpts instance, and the /dev/fd style symlinks.
     */
    void devices() {
        if (!setsUpDev()) {
            return;
        }
        Map<String, LinuxDevice> devices = new LinkedHashMap<>();
        for (LinuxDevice d : DEFAULT_DEVICES) {
            devices.put(d.path(), d);
        }
        for (LinuxDevice d : linux.devices()) {
            devices.put(clean(d.path()), d);
        }
        boolean devpts = spec.mounts().stream().anyMatch(m -> "devpts".equals(m.type()) && m.destination() != null
                && clean(m.destination()).equals("/dev/pts"));
        if (devpts) {
            devices.remove("/dev/ptmx"); // becomes the pts/ptmx symlink (runc: a privileged container lists it)
        }
        for (Map.Entry<String, LinuxDevice> e : devices.entrySet()) {
            String path = e.getKey();
            LinuxDevice d = e.getValue();
            if (userns) {
                out.add(new Step.Mount("bind " + path + " on " + path, TARGET_IN_ROOT | MKFILE, path, path, "",
                        MS_BIND, ""));
            } else {
                int typeBits = switch (d.type()) {
                    case "c", "u" -> S_IFCHR;
                    case "b" -> S_IFBLK;
                    case "p" -> S_IFIFO;
                    default -> throw new SpecException("linux.devices: \"" + d.type() + "\" is not a device type");
                };
                long perm = d.fileMode() == null ? 0666 : d.fileMode() & 07777;
                out.add(new Step.Mknod("mknod " + path, path, typeBits | (int) perm, num(d.major()), num(d.minor()),
                        num(d.uid()), num(d.gid())));
            }
        }
        if (devpts) {
            symlink("pts/ptmx", "/dev/ptmx");
        }
        symlink("/proc/self/fd", "/dev/fd");
        symlink("/proc/self/fd/0", "/dev/stdin");
        symlink("/proc/self/fd/1", "/dev/stdout");
        symlink("/proc/self/fd/2", "/dev/stderr");
        boolean proc = spec.mounts().stream().anyMatch(m -> "proc".equals(m.type()));
        if (proc) {
            symlink("/proc/kcore", "/dev/core");
        }
    }

    /** The remount that makes a read-only /dev mount read-only after its devices were made. */
    void devReadonly() {
        for (Mount m : spec.mounts()) {
            if (m.destination() != null && clean(m.destination()).equals("/dev")) {
                long flags = MountOptions.parse(m.options()).flags() & ~(MS_BIND | MS_REC | MS_REMOUNT);
                if (!isBind(m) && (flags & MS_RDONLY) != 0) {
                    remount("/dev", flags);
                }
                return;
            }
        }
    }

    private void symlink(String target, String link) {
        out.add(new Step.Symlink("symlink " + link + " -> " + target, target, link));
    }

    private static int num(Long v) {
        return v == null ? 0 : (int) (long) v;
    }
}

package dev.hull.runtime.spec;

import dev.hull.runtime.plan.MountOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a config against the runtime-spec and against its bundle before anything is
 * created. Each problem is one line naming the field, e.g.
 * {@code config.json: linux.namespaces[2].type "foo" is not a namespace type}.
 */
public final class SpecValidator {

    private static final Pattern VERSION_1 = Pattern.compile("1\\.\\d+(\\.\\d+)?([-+].*)?");
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "slave", "rslave", "shared",
            "rshared", "unbindable", "runbindable");
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
    /** Files inside /proc that may be bind-mounted over (lxcfs and the like), as runc allows. */
    private static final Set<String> PROC_BIND_ALLOWED = Set.of("/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo",
            "/proc/stat", "/proc/swaps", "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev",
            "/proc/sys/kernel/ns_last_pid");

    private SpecValidator() {
    }

    /** Throws a {@link SpecException} carrying the first problem found. */
    public static void validate(Spec spec, Path bundle) {
        List<String> p = problems(spec, bundle);
        if (!p.isEmpty()) {
            throw new SpecException(p.get(0));
        }
    }

    /** Every problem found, one line each, each starting with {@code config.json: }. */
    public static List<String> problems(Spec spec, Path bundle) {
        Check c = new Check("config.json");
        version(c, spec.ociVersion());
        root(c, spec.root(), bundle);
        if (spec.process() == null) {
            c.add("process is required");
        } else {
            process(c, spec.process());
        }
        Linux linux = spec.linuxOrEmpty();
        if (spec.hostname() != null && !spec.hostname().isEmpty() && !linux.hasNamespace(LinuxNamespace.UTS)) {
            c.add("hostname \"" + spec.hostname() + "\" needs a uts namespace, and linux.namespaces has none");
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty() && !linux.hasNamespace(LinuxNamespace.UTS)) {
            c.add("domainname \"" + spec.domainname() + "\" needs a uts namespace, and linux.namespaces has none");
        }
        for (int i = 0; i < spec.mounts().size(); i++) {
            mount(c, "mounts[" + i + "]", spec.mounts().get(i), bundle);
        }
        hooks(c, spec.hooksOrEmpty());
        linux(c, linux);
        return c.problems;
    }

    /**
     * Checks a process on its own (an exec's process.json); throws the first problem as
     * {@code <source>: process.<field> ...} (without the prefix when source is empty).
     */
    public static void validateProcess(Process process, String source) {
        Check c = new Check(source);
        process(c, process);
        if (!c.problems.isEmpty()) {
            throw new SpecException(c.problems.get(0));
        }
    }

    private static final class Check {
        final String source;
        final List<String> problems = new ArrayList<>();

        Check(String source) {
            this.source = source;
        }

        void add(String problem) {
            problems.add(source.isEmpty() ? problem : source + ": " + problem);
        }
    }

    private static void version(Check c, String v) {
        if (v == null || v.isEmpty()) {
            c.add("ociVersion is required");
        } else if (!VERSION_1.matcher(v).matches()) {
            c.add("ociVersion \"" + v + "\" is not supported: this runtime implements runtime-spec 1.x");
        }
    }

    private static void root(Check c, Root root, Path bundle) {
        if (root == null) {
            c.add("root is required");
            return;
        }
        if (root.path() == null || root.path().isEmpty()) {
            c.add("root.path is required");
            return;
        }
        Path p = root.resolve(bundle);
        String where = Path.of(root.path()).isAbsolute() ? "" : " in bundle " + bundle;
        if (!Files.exists(p)) {
            c.add("root.path \"" + root.path() + "\" does not exist" + where);
        } else if (!Files.isDirectory(p)) {
            c.add("root.path \"" + root.path() + "\" is not a directory" + where);
        }
    }

    private static void process(Check c, Process p) {
        if (p.args().isEmpty()) {
            c.add("process.args must not be empty");
        } else if (p.args().get(0).isEmpty()) {
            c.add("process.args[0] must not be empty");
        }
        if (p.cwd() == null || p.cwd().isEmpty()) {
            c.add("process.cwd is required");
        } else if (!p.cwd().startsWith("/")) {
            c.add("process.cwd \"" + p.cwd() + "\" is not an absolute path");
        }
        for (int i = 0; i < p.env().size(); i++) {
            String e = p.env().get(i);
            int eq = e.indexOf('=');
            if (eq < 0) {
                c.add("process.env[" + i + "] \"" + e + "\" is not NAME=value");
            } else if (eq == 0) {
                c.add("process.env[" + i + "] \"" + e + "\" has an empty name");
            }
        }
        if (p.consoleSize() != null && !p.terminal()) {
            c.add("process.consoleSize is set but process.terminal is false");
        }
        if (p.user() != null) {
            User u = p.user();
            if (u.umask() != null && (u.umask() & ~0777) != 0) {
                c.add("process.user.umask " + Integer.toUnsignedString(u.umask()) + " is not a file mode mask (0 to 0777)");
            }
        }
        if (p.capabilities() != null) {
            Capabilities caps = p.capabilities();
            capSet(c, "bounding", caps.bounding());
            capSet(c, "effective", caps.effective());
            capSet(c, "inheritable", caps.inheritable());
            capSet(c, "permitted", caps.permitted());
            capSet(c, "ambient", caps.ambient());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.rlimits().size(); i++) {
            Rlimit r = p.rlimits().get(i);
            String at = "process.rlimits[" + i + "]";
            if (r.type() == null) {
                c.add(at + ".type is required");
            } else if (Rlimits.number(r.type()) < 0) {
                c.add(at + ".type \"" + r.type() + "\" is not an rlimit (RLIMIT_CPU to RLIMIT_RTTIME)");
            } else if (!seen.add(r.type())) {
                c.add(at + ".type \"" + r.type() + "\" is listed twice");
            }
            if (Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                c.add(at + ": soft limit " + Rlimits.format(r.soft()) + " is above hard limit "
                        + Rlimits.format(r.hard()));
            }
        }
        if (p.oomScoreAdj() != null && (p.oomScoreAdj() < -1000 || p.oomScoreAdj() > 1000)) {
            c.add("process.oomScoreAdj " + p.oomScoreAdj() + " is outside -1000..1000");
        }
    }

    private static void capSet(Check c, String set, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (Capabilities.number(names.get(i)) < 0) {
                c.add("process.capabilities." + set + "[" + i + "]: unknown capability \"" + names.get(i) + "\"");
            }
        }
    }

    private static void mount(Check c, String at, Mount m, Path bundle) {
        MountOptions o;
        try {
            o = MountOptions.parse(m.options());
        } catch (IllegalArgumentException e) {
            c.add(at + ".options: " + e.getMessage());
            return;
        }
        boolean bind = o.bind() || "bind".equals(m.type());
        String dest = m.destination();
        if (dest == null || dest.isEmpty()) {
            c.add(at + ".destination is required");
        } else if (!dest.startsWith("/")) {
            c.add(at + ".destination \"" + dest + "\" is not an absolute path");
        } else {
            String clean = Path.of(dest).normalize().toString();
            if (clean.equals("/proc") && (bind || !"proc".equals(m.type()))) {
                c.add(at + ".destination \"" + dest + "\": only a proc file system may be mounted on /proc");
            } else if (clean.startsWith("/proc/") && !(bind && PROC_BIND_ALLOWED.contains(clean))) {
                c.add(at + ".destination \"" + dest + "\" is inside /proc; only binds over "
                        + String.join(", ", PROC_BIND_ALLOWED.stream().sorted().toList()) + " are allowed there");
            }
        }
        if (!bind && (m.type() == null || m.type().isEmpty())) {
            c.add(at + ".type is required (or a bind option)");
        }
        if (bind) {
            if (m.source() == null || m.source().isEmpty()) {
                c.add(at + ".source is required for a bind mount");
            } else if (!Files.exists(bundle.resolve(m.source()))) {
                c.add(at + ".source \"" + m.source() + "\" does not exist"
                        + (m.source().startsWith("/") ? "" : " in bundle " + bundle));
            }
        }
        if (!m.uidMappings().isEmpty() || !m.gidMappings().isEmpty()) {
            c.add(at + ": idmapped mounts (uidMappings, gidMappings) are not supported yet");
        }
    }

    private static void hooks(Check c, Hooks h) {
        hookList(c, "prestart", h.prestart());
        hookList(c, "createRuntime", h.createRuntime());
        hookList(c, "createContainer", h.createContainer());
        hookList(c, "startContainer", h.startContainer());
        hookList(c, "poststart", h.poststart());
        hookList(c, "poststop", h.poststop());
    }

    private static void hookList(Check c, String phase, List<Hook> hooks) {
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            String at = "hooks." + phase + "[" + i + "]";
            if (h.path() == null || h.path().isEmpty()) {
                c.add(at + ".path is required");
            } else if (!h.path().startsWith("/")) {
                c.add(at + ".path \"" + h.path() + "\" is not an absolute path");
            }
            if (h.timeout() != null && h.timeout() <= 0) {
                c.add(at + ".timeout must be positive, not " + h.timeout());
            }
        }
    }

    private static void linux(Check c, Linux l) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < l.namespaces().size(); i++) {
            LinuxNamespace n = l.namespaces().get(i);
            String at = "linux.namespaces[" + i + "]";
            if (n.type() == null || n.type().isEmpty()) {
                c.add(at + ".type is required");
                continue;
            }
            if (!LinuxNamespace.isType(n.type())) {
                c.add(at + ".type \"" + n.type() + "\" is not a namespace type ("
                        + String.join(", ", LinuxNamespace.TYPES) + ")");
                continue;
            }
            if (!types.add(n.type())) {
                c.add(at + ".type \"" + n.type() + "\" is listed twice");
            }
            if (!n.isNew() && !n.path().startsWith("/")) {
                c.add(at + ".path \"" + n.path() + "\" is not an absolute path");
            }
        }
        if (!types.contains(LinuxNamespace.MOUNT)) {
            c.add("linux.namespaces: a mount namespace is required");
        }
        if (l.newNamespace(LinuxNamespace.USER)) {
            if (l.uidMappings().isEmpty()) {
                c.add("linux.uidMappings: required for a new user namespace");
            }
            if (l.gidMappings().isEmpty()) {
                c.add("linux.gidMappings: required for a new user namespace");
            }
        } else if (!l.hasNamespace(LinuxNamespace.USER)) {
            if (!l.uidMappings().isEmpty()) {
                c.add("linux.uidMappings: given, but linux.namespaces has no user namespace");
            }
            if (!l.gidMappings().isEmpty()) {
                c.add("linux.gidMappings: given, but linux.namespaces has no user namespace");
            }
        }
        mappings(c, "linux.uidMappings", l.uidMappings());
        mappings(c, "linux.gidMappings", l.gidMappings());
        for (Map.Entry<String, TimeOffset> e : l.timeOffsets().entrySet()) {
            String at = "linux.timeOffsets[\"" + e.getKey() + "\"]";
            if (!e.getKey().equals("monotonic") && !e.getKey().equals("boottime")) {
                c.add(at + ": not a clock (use \"monotonic\" or \"boottime\")");
            }
            if (e.getValue().nanosecs() >= 1_000_000_000L) {
                c.add(at + ".nanosecs " + e.getValue().nanosecs() + " is not below 1000000000");
            }
        }
        if (!l.timeOffsets().isEmpty() && !l.newNamespace(LinuxNamespace.TIME)) {
            c.add("linux.timeOffsets: needs a new time namespace in linux.namespaces");
        }
        devices(c, l.devices());
        if (l.rootfsPropagation() != null && !l.rootfsPropagation().isEmpty()
                && !PROPAGATIONS.contains(l.rootfsPropagation())) {
            c.add("linux.rootfsPropagation \"" + l.rootfsPropagation() + "\" is not one of "
                    + String.join(", ", PROPAGATIONS.stream().sorted().toList()));
        }
        absolutePaths(c, "linux.maskedPaths", l.maskedPaths());
        absolutePaths(c, "linux.readonlyPaths", l.readonlyPaths());
        for (Map.Entry<String, String> e : l.sysctl().entrySet()) {
            sysctl(c, l, e.getKey());
        }
    }

    private static void mappings(Check c, String at, List<IdMapping> maps) {
        for (int i = 0; i < maps.size(); i++) {
            IdMapping m = maps.get(i);
            if (m.size() == 0) {
                c.add(at + "[" + i + "].size must be positive");
            } else if (m.containerID() + m.size() - 1 > 0xffffffffL || m.hostID() + m.size() - 1 > 0xffffffffL) {
                c.add(at + "[" + i + "]: the range goes past 4294967295");
            }
        }
    }

    private static void devices(Check c, List<LinuxDevice> devices) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            LinuxDevice d = devices.get(i);
            String at = "linux.devices[" + i + "]";
            String type = d.type() == null ? "" : d.type();
            if (!Set.of("c", "b", "u", "p").contains(type)) {
                c.add(at + ".type \"" + type + "\" is not a device type (c, b, u or p)");
            } else if (!type.equals("p") && (d.major() == null || d.minor() == null)) {
                c.add(at + ": major and minor are required for type \"" + type + "\"");
            }
            if (d.path() == null || d.path().isEmpty()) {
                c.add(at + ".path is required");
            } else if (!d.path().startsWith("/")) {
                c.add(at + ".path \"" + d.path() + "\" is not an absolute path");
            } else if (!paths.add(Path.of(d.path()).normalize().toString())) {
                c.add(at + ".path \"" + d.path() + "\" is listed twice");
            }
            if (d.fileMode() != null && (d.fileMode() & ~07777L) != 0) {
                c.add(at + ".fileMode " + d.fileMode() + " has bits beyond the permission bits (07777)");
            }
            for (Long n : new Long[] {d.major(), d.minor()}) {
                if (n != null && (n < 0 || n > 0xffffffffL)) {
                    c.add(at + ": device number " + n + " is out of range");
                }
            }
        }
    }

    private static void absolutePaths(Check c, String at, List<String> paths) {
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (p == null || !p.startsWith("/")) {
                c.add(at + "[" + i + "] \"" + p + "\" is not an absolute path");
            }
        }
    }

    /** Only namespaced sysctls may be set, and only when the container has that namespace (as runc). */
    private static void sysctl(Check c, Linux l, String key) {
        String at = "linux.sysctl[\"" + key + "\"]";
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            c.add(at + ": not a sysctl name");
        } else if (IPC_SYSCTLS.contains(key) || key.startsWith("fs.mqueue.")) {
            if (!l.hasNamespace(LinuxNamespace.IPC)) {
                c.add(at + ": needs an ipc namespace, and linux.namespaces has none");
            }
        } else if (key.startsWith("net.")) {
            if (!l.hasNamespace(LinuxNamespace.NETWORK)) {
                c.add(at + ": needs a network namespace, and linux.namespaces has none");
            }
        } else if (key.equals("kernel.hostname") || key.equals("kernel.domainname")) {
            if (!l.hasNamespace(LinuxNamespace.UTS)) {
                c.add(at + ": needs a uts namespace, and linux.namespaces has none");
            }
        } else {
            c.add(at + ": not namespaced, so setting it would change the whole host");
        }
    }
}

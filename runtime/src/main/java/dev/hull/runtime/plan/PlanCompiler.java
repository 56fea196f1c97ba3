package dev.hull.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.spec.Hook;
import dev.hull.runtime.spec.IdMapping;
import dev.hull.runtime.spec.Linux;
import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Rlimit;
import dev.hull.runtime.spec.Rlimits;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecDefaults;
import dev.hull.runtime.spec.SpecException;
import dev.hull.runtime.spec.SpecValidator;
import dev.hull.runtime.spec.TimeOffset;
import dev.hull.runtime.spec.User;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.hull.runtime.plan.MountOptions.MS_BIND;
import static dev.hull.runtime.plan.MountOptions.MS_PRIVATE;
import static dev.hull.runtime.plan.MountOptions.MS_REC;
import static dev.hull.runtime.plan.MountOptions.MS_SHARED;
import static dev.hull.runtime.plan.MountOptions.MS_SLAVE;

/**
 * Compiles a config into the plan hull-init executes (docs/plan-format.md). All
 * policy lives here; the result is a value that can be checked without root.
 *
 * <p>Create, in the launcher: preserve fds, join the cgroups, connect the console
 * socket, oom_score_adj, join the namespaces given by path (user first, and after the
 * cgroup and console steps, whose host paths a joined mount namespace would hide),
 * a new time namespace, then CLONE with the new namespaces and id maps. In the child:
 * root propagation, the rootfs bound onto itself, the config's mounts, devices, the
 * start fifo, the runtime hooks' sync point, createContainer hooks, pivot_root,
 * sysctls, masked and read-only paths, read-only root, host and domain name, then the
 * process: rlimits, terminal or new session, cwd, executable lookup, umask, LSM label,
 * no_new_privs, seccomp, credentials, READY, the wait for start, startContainer hooks
 * and exec.
 */
public final class PlanCompiler {

    /** The SYNC point at which Java runs the prestart and createRuntime hooks. */
    public static final int SYNC_RUNTIME_HOOKS = 1;
    public static final int DEFAULT_UMASK = 0022;
    public static final String APPARMOR_EXEC_ATTR = "/proc/self/attr/apparmor/exec";
    public static final String SELINUX_EXEC_ATTR = "/proc/self/attr/exec";

    private PlanCompiler() {
    }

    public static Plan compileCreate(Spec spec, CreateOptions o) {
        return compileCreate(spec, o, SeccompCompiler.UNSUPPORTED);
    }

    /**
     * The plan for {@code create}. The config should have passed {@link SpecValidator};
     * what the plan cannot express is refused here.
     *
     * @throws SpecException one line starting with {@code config.json: }
     */
    public static Plan compileCreate(Spec spec, CreateOptions o, SeccompCompiler seccomp) {
        try {
            return create(spec, o, seccomp);
        } catch (SpecException e) {
            throw new SpecException("config.json: " + e.getMessage(), e);
        }
    }

    public static Plan compileExec(Spec containerSpec, Process process, ExecOptions o) {
        return compileExec(containerSpec, process, o, SeccompCompiler.UNSUPPORTED);
    }

    /**
     * The plan for {@code exec}: a new process in a running container, in its cgroups and
     * namespaces, with the container's seccomp filter.
     *
     * @throws SpecException one line starting with {@code exec: }
     */
    public static Plan compileExec(Spec containerSpec, Process process, ExecOptions o, SeccompCompiler seccomp) {
        try {
            return exec(containerSpec, process, o, seccomp);
        } catch (SpecException e) {
            throw new SpecException("exec: " + e.getMessage(), e);
        }
    }

    // ---- create ----

    private static Plan create(Spec spec, CreateOptions o, SeccompCompiler seccompCompiler) {
        Process p = spec.process();
        if (p == null) {
            throw new SpecException("process is required");
        }
        SpecValidator.validateProcess(p, "");
        Linux linux = spec.linuxOrEmpty();
        unsupported(p, linux);
        Step.Seccomp seccomp = seccomp(linux, seccompCompiler);
        // a joined mount namespace (by path) is fine: the launcher joins it last and the
        // child builds the root there, as runc does; none at all would build it in the host's
        if (linux.namespaces().stream().noneMatch(n -> n.type().equals(LinuxNamespace.MOUNT))) {
            throw new SpecException("linux.namespaces: a mount namespace is required");
        }
        String rootfs = o.rootfs().toString();
        List<Step> s = new ArrayList<>();

        // launcher
        launcherStart(s, o.preserveFds(), o.cgroupProcsFiles(), p, o.consoleSocket());
        List<LinuxNamespace> joined = joinOrder(
                linux.namespaces().stream().filter(n -> !n.isNew()).toList(), LinuxNamespace::type);
        for (LinuxNamespace n : joined) {
            s.add(setns(n.type(), n.path()));
        }
        if (linux.newNamespace(LinuxNamespace.TIME)) {
            s.add(timeNs(linux));
        }
        s.add(clone(linux, o.waitForExit()));

        // child: the root file system, still seeing the host's paths
        long rootPropagation = MountOptions.propagationFlag(linux.rootfsPropagation());
        long firstPropagation = rootPropagation != 0 ? rootPropagation : MS_SLAVE | MS_REC;
        s.add(new Step.Mount("make / " + MountOptions.propagationName(firstPropagation), 0, "", "/", "",
                firstPropagation, ""));
        if ((firstPropagation & MS_REC) == 0 || (firstPropagation & MS_SHARED) != 0) {
            // Mounts below / may still be shared with the host: the rootfs bind must not propagate
            // there, and pivot_root refuses a shared parent mount (runc makes a shared parent private).
            // The rootfs is often a plain directory: the change must name the mount holding it.
            String rootfsMount = o.rootfsMount().toString();
            s.add(new Step.Mount("make the mount at " + rootfsMount + " private", 0, "", rootfsMount, "", MS_PRIVATE,
                    ""));
        }
        s.add(new Step.Mount("bind " + rootfs + " onto itself", 0, rootfs, rootfs, "", MS_BIND | MS_REC, ""));
        s.add(new Step.SetRoot("use " + rootfs + " as root", rootfs));
        RootfsCompiler fs = new RootfsCompiler(spec, o, s);
        fs.mounts();
        fs.devices();
        s.add(new Step.OpenStartFifo("open start fifo " + o.startFifo(), o.startFifo().toString()));
        if (p.cwd() != null && !p.cwd().equals("/")) {
            // as runc: a working directory missing from the image is made (before a read-only remount)
            s.add(new Step.Mkdir("make working directory " + p.cwd(), p.cwd()));
        }
        var hooks = spec.hooksOrEmpty();
        // the sync point also hands the state to createContainer and startContainer hooks
        if (!hooks.prestart().isEmpty() || !hooks.createRuntime().isEmpty() || !hooks.createContainer().isEmpty()
                || !hooks.startContainer().isEmpty()) {
            s.add(new Step.Sync("wait for the prestart and createRuntime hooks", SYNC_RUNTIME_HOOKS));
        }
        for (Hook h : hooks.createContainer()) {
            s.add(hook("createContainer", h));
        }
        s.add(o.noPivot()
                ? new Step.PivotRoot("move " + rootfs + " to / and chroot", rootfs, Step.PivotRoot.NO_PIVOT)
                : new Step.PivotRoot("pivot_root to " + rootfs, rootfs, 0));

        // child: inside the new root
        if (rootPropagation != 0) {
            s.add(new Step.Mount("make / " + MountOptions.propagationName(rootPropagation), 0, "", "/", "",
                    rootPropagation, ""));
        }
        linux.sysctl().forEach((k, v) -> s.add(new Step.Sysctl("sysctl " + k + "=" + v, k, v)));
        for (String m : linux.maskedPaths()) {
            s.add(new Step.MaskPath("mask " + m, m));
        }
        for (String r : linux.readonlyPaths()) {
            s.add(new Step.ReadonlyPath("make " + r + " read-only", r));
        }
        fs.devReadonly();
        if (spec.root() != null && spec.root().readonly()) {
            s.add(new Step.RemountReadonly("remount / read-only", "/"));
        }
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            requireUts(linux, "hostname");
            s.add(new Step.SetHostname("set hostname \"" + spec.hostname() + "\"", spec.hostname()));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            requireUts(linux, "domainname");
            s.add(new Step.SetDomainname("set domainname \"" + spec.domainname() + "\"", spec.domainname()));
        }
        processSteps(s, p, o.lsm(), seccomp);
        s.add(new Step.Ready("report ready"));
        s.add(new Step.AwaitStart("wait for start"));
        for (Hook h : hooks.startContainer()) {
            s.add(hook("startContainer", h));
        }
        s.add(exec(p));
        return new Plan(s);
    }

    private static void requireUts(Linux linux, String field) {
        if (!linux.hasNamespace(LinuxNamespace.UTS)) {
            throw new SpecException(field + " needs a uts namespace, and linux.namespaces has none");
        }
    }

    /** Parts of the config the plan cannot apply yet: refused rather than ignored. */
    private static void unsupported(Process p, Linux linux) {
        if (p.scheduler() != null) {
            throw new SpecException("process.scheduler: not supported yet");
        }
        if (p.ioPriority() != null) {
            throw new SpecException("process.ioPriority: not supported yet");
        }
        if (linux.personality() != null) {
            throw new SpecException("linux.personality: not supported yet");
        }
        if (linux.intelRdt() != null) {
            throw new SpecException("linux.intelRdt: not supported on this runtime");
        }
    }

    private static Step.Seccomp seccomp(Linux linux, SeccompCompiler compiler) {
        JsonNode section = linux.seccomp();
        return section == null ? null : compiler.compile(section);
    }

    private static Step.TimeNs timeNs(Linux linux) {
        TimeOffset mono = linux.timeOffsets().getOrDefault("monotonic", new TimeOffset(0, 0));
        TimeOffset boot = linux.timeOffsets().getOrDefault("boottime", new TimeOffset(0, 0));
        return new Step.TimeNs("create time namespace (monotonic " + offset(mono) + ", boottime " + offset(boot) + ")",
                mono.secs(), (int) mono.nanosecs(), boot.secs(), (int) boot.nanosecs());
    }

    private static String offset(TimeOffset t) {
        return (t.secs() >= 0 ? "+" : "") + t.secs() + "s" + (t.nanosecs() != 0 ? " " + t.nanosecs() + "ns" : "");
    }

    private static Step.Clone clone(Linux linux, boolean waitForExit) {
        int flags = 0;
        List<String> names = new ArrayList<>();
        for (LinuxNamespace n : linux.namespaces()) {
            if (n.isNew() && !n.type().equals(LinuxNamespace.TIME)) {
                flags |= LinuxNamespace.cloneFlag(n.type());
                names.add(LinuxNamespace.procName(n.type()));
            }
        }
        String uidMap = "";
        String gidMap = "";
        if (linux.newNamespace(LinuxNamespace.USER)) {
            uidMap = mapText(linux.uidMappings());
            gidMap = mapText(linux.gidMappings());
        }
        String what = names.isEmpty() ? "clone the container process"
                : "clone the container process into new " + String.join(", ", names) + " namespaces";
        return new Step.Clone(what, flags, waitForExit ? Step.Clone.WAIT : 0, uidMap, gidMap);
    }

    private static String mapText(List<IdMapping> maps) {
        StringBuilder b = new StringBuilder();
        for (IdMapping m : maps) {
            b.append(m.mapLine()).append('\n');
        }
        return b.toString();
    }

    // ---- exec ----

    private static Plan exec(Spec spec, Process p, ExecOptions o, SeccompCompiler seccompCompiler) {
        if (p == null) {
            throw new SpecException("process is required");
        }
        SpecValidator.validateProcess(p, "");
        Linux linux = spec == null ? Linux.EMPTY : spec.linuxOrEmpty();
        unsupported(p, Linux.EMPTY);
        Step.Seccomp seccomp = seccomp(linux, seccompCompiler);
        List<Step> s = new ArrayList<>();
        launcherStart(s, o.preserveFds(), o.cgroupProcsFiles(), p, o.consoleSocket());
        for (NamespaceJoin j : joinOrder(o.namespaces(), NamespaceJoin::type)) {
            s.add(setns(j.type(), j.path()));
        }
        s.add(new Step.Clone("clone the exec process", 0, o.detach() ? 0 : Step.Clone.WAIT, "", ""));
        processSteps(s, p, o.lsm(), seccomp);
        s.add(new Step.Ready("report ready"));
        s.add(exec(p));
        return new Plan(s);
    }

    // ---- shared ----

    /** PRESERVE_FDS, JOIN_CGROUP, CONSOLE_CONNECT, OOM_SCORE_ADJ: the launcher steps before any setns. */
    private static void launcherStart(List<Step> s, int preserveFds, List<Path> procsFiles, Process p,
                                      String consoleSocket) {
        s.add(new Step.PreserveFds(preserveFds == 0 ? "close inherited fds"
                : "close inherited fds except " + preserveFds + " preserved", preserveFds));
        for (Path procs : procsFiles) {
            s.add(new Step.JoinCgroup("join cgroup " + procs, procs.toString()));
        }
        if (p.terminal()) {
            if (consoleSocket == null || consoleSocket.isEmpty()) {
                throw new SpecException("process.terminal is true, but no console socket was given"
                        + " (use --console-socket)");
            }
            s.add(new Step.ConsoleConnect("connect to console socket " + consoleSocket, consoleSocket));
        }
        if (p.oomScoreAdj() != null) {
            s.add(new Step.OomScoreAdj("set oom_score_adj " + p.oomScoreAdj(), p.oomScoreAdj()));
        }
    }

    /**
     * Orders namespace joins: user first (it grants the rights over the others), mount
     * last (after it the host's paths, including the other namespace files, are gone),
     * the rest as given.
     */
    static <T> List<T> joinOrder(List<T> joins, Function<T, String> type) {
        List<T> ordered = new ArrayList<>();
        joins.stream().filter(j -> type.apply(j).equals(LinuxNamespace.USER)).forEach(ordered::add);
        joins.stream().filter(j -> !type.apply(j).equals(LinuxNamespace.USER)
                && !type.apply(j).equals(LinuxNamespace.MOUNT)).forEach(ordered::add);
        joins.stream().filter(j -> type.apply(j).equals(LinuxNamespace.MOUNT)).forEach(ordered::add);
        return ordered;
    }

    private static Step.SetNs setns(String type, String path) {
        return new Step.SetNs("join " + LinuxNamespace.procName(type) + " namespace " + path, path,
                LinuxNamespace.cloneFlag(type));
    }

    private static Step.Hook hook(String phase, Hook h) {
        return new Step.Hook(phase + " hook " + h.path(), h.path(), h.args(), h.env(),
                h.timeout() == null ? 0 : h.timeout());
    }

    /**
     * The process's own steps, shared by create and exec: rlimits, terminal or new
     * session, cwd, executable lookup, umask, LSM label, no_new_privs, seccomp (before
     * the credentials without no_new_privs, after them with it) and credentials.
     */
    private static void processSteps(List<Step> s, Process p, HostLsm lsm, Step.Seccomp seccomp) {
        for (Rlimit r : p.rlimits()) {
            int resource = Rlimits.number(r.type());
            if (resource < 0) {
                throw new SpecException("process.rlimits: \"" + r.type() + "\" is not an rlimit");
            }
            s.add(new Step.Rlimit("setrlimit " + r.type() + " " + Rlimits.format(r.soft()) + ":"
                    + Rlimits.format(r.hard()), resource, r.soft(), r.hard()));
        }
        if (p.terminal()) {
            int rows = p.consoleSize() == null ? 0 : (int) p.consoleSize().height();
            int cols = p.consoleSize() == null ? 0 : (int) p.consoleSize().width();
            s.add(new Step.Console("set up the terminal", rows, cols));
        } else {
            s.add(new Step.SetSid("start a new session"));
        }
        String cwd = p.cwd() == null || p.cwd().isEmpty() ? "/" : p.cwd();
        s.add(new Step.Chdir("chdir to " + cwd, cwd));
        String path = p.pathEnv() == null ? SpecDefaults.DEFAULT_PATH : p.pathEnv();
        s.add(new Step.ResolveExec("find executable \"" + p.args().get(0) + "\"", p.args().get(0), path));
        User user = p.userOrRoot();
        int umask = user.umask() == null ? DEFAULT_UMASK : user.umask();
        s.add(new Step.Umask("set umask " + String.format("%04o", umask), umask));
        String profile = p.apparmorProfile();
        if (profile != null && !profile.isEmpty()) {
            if (!lsm.apparmor()) {
                throw new SpecException("process.apparmorProfile \"" + profile
                        + "\": AppArmor is not enabled on this host");
            }
            s.add(new Step.WriteAttr("set AppArmor profile \"" + profile + "\"", APPARMOR_EXEC_ATTR,
                    "exec " + profile));
        }
        String label = p.selinuxLabel();
        if (label != null && !label.isEmpty()) {
            if (!lsm.selinux()) {
                throw new SpecException("process.selinuxLabel \"" + label + "\": SELinux is not enabled on this host");
            }
            s.add(new Step.WriteAttr("set SELinux label \"" + label + "\"", SELINUX_EXEC_ATTR, label));
        }
        if (p.noNewPrivileges()) {
            s.add(new Step.NoNewPrivs("set no_new_privs"));
        }
        if (seccomp != null && !p.noNewPrivileges()) {
            s.add(seccomp);
        }
        s.add(credentials(p, user));
        if (seccomp != null && p.noNewPrivileges()) {
            s.add(seccomp);
        }
    }

    private static Step.Credentials credentials(Process p, User user) {
        Capabilities caps = p.capabilities() == null ? Capabilities.NONE : p.capabilities();
        List<Integer> groups = user.additionalGids().stream().map(Long::intValue).toList();
        try {
            return new Step.Credentials("set uid " + user.uid() + ", gid " + user.gid() + " and capabilities",
                    (int) user.uid(), (int) user.gid(), groups, Capabilities.mask(caps.bounding()),
                    Capabilities.mask(caps.effective()), Capabilities.mask(caps.permitted()),
                    Capabilities.mask(caps.inheritable()), ambient(caps), 0);
        } catch (IllegalArgumentException e) {
            throw new SpecException("process.capabilities: " + e.getMessage());
        }
    }

    /**
     * The kernel keeps a capability ambient only while it is permitted and inheritable; as runc
     * (which warns), the others are left out rather than failing, so `runc spec`'s configuration,
     * which lists ambient capabilities but no inheritable ones, runs.
     */
    private static long ambient(Capabilities caps) {
        return Capabilities.mask(caps.ambient()) & Capabilities.mask(caps.inheritable())
                & Capabilities.mask(caps.permitted());
    }

    private static Step.Exec exec(Process p) {
        return new Step.Exec("exec \"" + p.args().get(0) + "\"", p.args(), p.env());
    }
}

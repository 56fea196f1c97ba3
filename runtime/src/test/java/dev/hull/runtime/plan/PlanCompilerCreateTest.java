package dev.hull.runtime.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.spec.ConsoleSize;
import dev.hull.runtime.spec.Hook;
import dev.hull.runtime.spec.Hooks;
import dev.hull.runtime.spec.Linux;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Mount;
import dev.hull.runtime.spec.Process;
import dev.hull.runtime.spec.Rlimit;
import dev.hull.runtime.spec.Root;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecDefaults;
import dev.hull.runtime.spec.SpecException;
import dev.hull.runtime.spec.TimeOffset;
import dev.hull.runtime.spec.User;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.hull.runtime.plan.MountOptions.MS_BIND;
import static dev.hull.runtime.plan.MountOptions.MS_NODEV;
import static dev.hull.runtime.plan.MountOptions.MS_NOEXEC;
import static dev.hull.runtime.plan.MountOptions.MS_NOSUID;
import static dev.hull.runtime.plan.MountOptions.MS_PRIVATE;
import static dev.hull.runtime.plan.MountOptions.MS_RDONLY;
import static dev.hull.runtime.plan.MountOptions.MS_REC;
import static dev.hull.runtime.plan.MountOptions.MS_RELATIME;
import static dev.hull.runtime.plan.MountOptions.MS_REMOUNT;
import static dev.hull.runtime.plan.MountOptions.MS_SHARED;
import static dev.hull.runtime.plan.MountOptions.MS_SLAVE;
import static dev.hull.runtime.plan.MountOptions.MS_STRICTATIME;
import static dev.hull.runtime.plan.PlanFixtures.BUNDLE;
import static dev.hull.runtime.plan.PlanFixtures.CONSOLE;
import static dev.hull.runtime.plan.PlanFixtures.FIFO;
import static dev.hull.runtime.plan.PlanFixtures.PROCS;
import static dev.hull.runtime.plan.PlanFixtures.ROOTFS;
import static dev.hull.runtime.plan.PlanFixtures.V1_HYBRID;
import static dev.hull.runtime.plan.PlanFixtures.V2;
import static dev.hull.runtime.plan.PlanFixtures.create;
import static dev.hull.runtime.plan.PlanFixtures.first;
import static dev.hull.runtime.plan.PlanFixtures.index;
import static dev.hull.runtime.plan.PlanFixtures.last;
import static dev.hull.runtime.plan.PlanFixtures.mountsTo;
import static dev.hull.runtime.plan.PlanFixtures.options;
import static dev.hull.runtime.plan.PlanFixtures.runcSpec;
import static dev.hull.runtime.plan.Step.Mount.BIND_SOURCE_STAT;
import static dev.hull.runtime.plan.Step.Mount.MKDIR;
import static dev.hull.runtime.plan.Step.Mount.MKFILE;
import static dev.hull.runtime.plan.Step.Mount.TARGET_IN_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCompilerCreateTest {

    private static final int NEWNS = 0x00020000;
    private static final int NEWCGROUP = 0x02000000;
    private static final int NEWUTS = 0x04000000;
    private static final int NEWIPC = 0x08000000;
    private static final int NEWUSER = 0x10000000;
    private static final int NEWPID = 0x20000000;
    private static final int NEWNET = 0x40000000;
    private static final Set<Class<?>> LAUNCHER = Set.of(Step.PreserveFds.class, Step.JoinCgroup.class,
            Step.ConsoleConnect.class, Step.OomScoreAdj.class, Step.SetNs.class, Step.TimeNs.class);

    private static Spec withLinux(Spec s, java.util.function.UnaryOperator<Linux> change) {
        return s.withLinux(change.apply(s.linuxOrEmpty()));
    }

    private static List<LinuxNamespace> namespaces(String... types) {
        List<LinuxNamespace> out = new ArrayList<>();
        for (String t : types) {
            out.add(LinuxNamespace.create(t));
        }
        return out;
    }

    private static Spec withMount(Spec s, Mount m) {
        List<Mount> mounts = new ArrayList<>(s.mounts());
        mounts.add(m);
        return s.withMounts(mounts);
    }

    private static Spec rootlessUserns() {
        return SpecDefaults.spec(true, false, 1000, 1000);
    }

    @Test
    void runcSpecGivesTheFiveNamespaces() {
        Step.Clone c = create(runcSpec()).cloneStep();
        assertThat(c.cloneFlags()).isEqualTo(NEWPID | NEWNET | NEWIPC | NEWUTS | NEWNS);
        assertThat(c.options()).isZero();
        assertThat(c.uidMap()).isEmpty();
        assertThat(c.gidMap()).isEmpty();
        assertThat(c.description()).isEqualTo("clone the container process into new pid, net, ipc, uts, mnt namespaces");
        CreateOptions o = options();
        CreateOptions waiting = new CreateOptions(o.bundle(), o.rootfs(), o.startFifo(), o.consoleSocket(), false, 0,
                o.cgroupProcsFiles(), o.cgroupMounts(), true, o.lsm());
        assertThat(create(runcSpec(), waiting).cloneStep().options()).isEqualTo(Step.Clone.WAIT);
    }

    @Test
    void runcSpecStepOrder() {
        Plan plan = create(runcSpec());
        List<Step> steps = plan.steps();
        int clone = first(plan, Step.Clone.class);
        assertThat(steps.get(0)).isEqualTo(new Step.PreserveFds("close inherited fds", 0));
        for (int i = 0; i < steps.size(); i++) {
            assertThat(LAUNCHER.contains(steps.get(i).getClass())).as("step %d %s", i, steps.get(i)).isEqualTo(i < clone);
        }
        // launcher: cgroups and console before anything that could change the mount namespace
        assertThat(steps.subList(1, clone)).containsExactly(
                new Step.JoinCgroup("join cgroup " + PROCS.get(0), PROCS.get(0).toString()),
                new Step.JoinCgroup("join cgroup " + PROCS.get(1), PROCS.get(1).toString()),
                new Step.ConsoleConnect("connect to console socket " + CONSOLE, CONSOLE));
        // child: propagation, rootfs bind, root, then the config's mounts
        assertThat(steps.subList(clone + 1, clone + 5)).containsExactly(
                new Step.Mount("make / rslave", 0, "", "/", "", MS_SLAVE | MS_REC, ""),
                new Step.Mount("bind " + ROOTFS + " onto itself", 0, ROOTFS.toString(), ROOTFS.toString(), "",
                        MS_BIND | MS_REC, ""),
                new Step.SetRoot("use " + ROOTFS + " as root", ROOTFS.toString()),
                new Step.Mount("mount proc on /proc", TARGET_IN_ROOT | MKDIR, "proc", "/proc", "proc", 0, ""));
        int pivot = index(plan, new Step.PivotRoot("pivot_root to " + ROOTFS, ROOTFS.toString(), 0));
        assertThat(last(plan, Step.Mknod.class)).isLessThan(pivot);
        assertThat(last(plan, Step.Symlink.class)).isLessThan(pivot);
        assertThat(index(plan, new Step.OpenStartFifo("open start fifo " + FIFO, FIFO.toString())))
                .isLessThan(pivot).isGreaterThan(last(plan, Step.Symlink.class));
        for (int i = clone + 1; i < pivot; i++) {
            assertThat(steps.get(i)).isNotInstanceOfAny(Step.MaskPath.class, Step.ReadonlyPath.class,
                    Step.SetHostname.class, Step.Credentials.class);
        }
        for (int i = pivot + 1; i < steps.size(); i++) {
            assertThat(steps.get(i)).isNotInstanceOfAny(Step.Mknod.class, Step.SetRoot.class, Step.Symlink.class);
            if (steps.get(i) instanceof Step.Mount m) {
                assertThat(m.target()).as("no config mounts after pivot_root").isEqualTo("/");
            }
        }
        assertThat(first(plan, Step.MaskPath.class)).isGreaterThan(pivot);
        assertThat(first(plan, Step.ReadonlyPath.class)).isGreaterThan(last(plan, Step.MaskPath.class));
        int creds = first(plan, Step.Credentials.class);
        assertThat(steps.subList(creds, steps.size())).containsExactly(
                steps.get(creds),
                new Step.Ready("report ready"),
                new Step.AwaitStart("wait for start"),
                new Step.Exec("exec \"sh\"", List.of("sh"), runcSpec().process().env()));
        // everything but READY, AWAIT_START and EXEC comes before the credentials
        assertThat(steps.subList(pivot, creds)).extracting(s -> s.getClass().getSimpleName()).containsSubsequence(
                "RemountReadonly", "SetHostname", "Rlimit", "Console", "Chdir", "ResolveExec", "Umask", "NoNewPrivs");
    }

    @Test
    void runcSpecDescribed() {
        String expected = String.join("\n",
                "close inherited fds",
                "join cgroup /sys/fs/cgroup/memory/hull/c1/cgroup.procs",
                "join cgroup /sys/fs/cgroup/pids/hull/c1/cgroup.procs",
                "connect to console socket /tmp/console.sock",
                "clone the container process into new pid, net, ipc, uts, mnt namespaces",
                "make / rslave",
                "bind /run/b/rootfs onto itself",
                "use /run/b/rootfs as root",
                "mount proc on /proc",
                "mount tmpfs on /dev",
                "mount devpts on /dev/pts",
                "mount tmpfs on /dev/shm",
                "mount mqueue on /dev/mqueue",
                "mount sysfs on /sys",
                "mount tmpfs on /sys/fs/cgroup",
                "rbind /sys/fs/cgroup/cpu,cpuacct/hull/c1 on /sys/fs/cgroup/cpu,cpuacct",
                "remount /sys/fs/cgroup/cpu,cpuacct read-only",
                "symlink /sys/fs/cgroup/cpu -> cpu,cpuacct",
                "symlink /sys/fs/cgroup/cpuacct -> cpu,cpuacct",
                "rbind /sys/fs/cgroup/memory/hull/c1 on /sys/fs/cgroup/memory",
                "remount /sys/fs/cgroup/memory read-only",
                "rbind /sys/fs/cgroup/pids/hull/c1 on /sys/fs/cgroup/pids",
                "remount /sys/fs/cgroup/pids read-only",
                "rbind /sys/fs/cgroup/systemd/hull/c1 on /sys/fs/cgroup/systemd",
                "remount /sys/fs/cgroup/systemd read-only",
                "rbind /sys/fs/cgroup/unified/hull/c1 on /sys/fs/cgroup/unified",
                "remount /sys/fs/cgroup/unified read-only",
                "remount /sys/fs/cgroup read-only",
                "mknod /dev/null",
                "mknod /dev/zero",
                "mknod /dev/full",
                "mknod /dev/random",
                "mknod /dev/urandom",
                "mknod /dev/tty",
                "symlink /dev/ptmx -> pts/ptmx",
                "symlink /dev/fd -> /proc/self/fd",
                "symlink /dev/stdin -> /proc/self/fd/0",
                "symlink /dev/stdout -> /proc/self/fd/1",
                "symlink /dev/stderr -> /proc/self/fd/2",
                "symlink /dev/core -> /proc/kcore",
                "open start fifo /run/hull-runtime/c1/exec.fifo",
                "pivot_root to /run/b/rootfs",
                "mask /proc/acpi",
                "mask /proc/asound",
                "mask /proc/kcore",
                "mask /proc/keys",
                "mask /proc/latency_stats",
                "mask /proc/timer_list",
                "mask /proc/timer_stats",
                "mask /proc/sched_debug",
                "mask /sys/firmware",
                "mask /proc/scsi",
                "mask /sys/devices/virtual/tpm",
                "make /proc/bus read-only",
                "make /proc/fs read-only",
                "make /proc/irq read-only",
                "make /proc/sys read-only",
                "make /proc/sysrq-trigger read-only",
                "remount / read-only",
                "set hostname \"runc\"",
                "setrlimit RLIMIT_NOFILE 1024:1024",
                "set up the terminal",
                "chdir to /",
                "find executable \"sh\"",
                "set umask 0022",
                "set no_new_privs",
                "set uid 0, gid 0 and capabilities",
                "report ready",
                "wait for start",
                "exec \"sh\"") + "\n";
        assertThat(create(runcSpec()).describe()).isEqualTo(expected);
    }

    @Test
    void runcSpecMountFlags() {
        Plan plan = create(runcSpec());
        assertThat(mountsTo(plan, "/dev")).containsExactly(new Step.Mount("mount tmpfs on /dev",
                TARGET_IN_ROOT | MKDIR, "tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"));
        assertThat(mountsTo(plan, "/dev/pts")).containsExactly(new Step.Mount("mount devpts on /dev/pts",
                TARGET_IN_ROOT | MKDIR, "devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620,gid=5"));
        assertThat(mountsTo(plan, "/dev/shm")).containsExactly(new Step.Mount("mount tmpfs on /dev/shm",
                TARGET_IN_ROOT | MKDIR, "shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_NODEV,
                "mode=1777,size=65536k"));
        assertThat(mountsTo(plan, "/dev/mqueue")).containsExactly(new Step.Mount("mount mqueue on /dev/mqueue",
                TARGET_IN_ROOT | MKDIR, "mqueue", "/dev/mqueue", "mqueue", MS_NOSUID | MS_NOEXEC | MS_NODEV, ""));
        assertThat(mountsTo(plan, "/sys")).containsExactly(new Step.Mount("mount sysfs on /sys",
                TARGET_IN_ROOT | MKDIR, "sysfs", "/sys", "sysfs", MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, ""));
        long cg = MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME;
        assertThat(mountsTo(plan, "/sys/fs/cgroup")).containsExactly(
                new Step.Mount("mount tmpfs on /sys/fs/cgroup", TARGET_IN_ROOT | MKDIR, "tmpfs", "/sys/fs/cgroup",
                        "tmpfs", cg, "mode=755"),
                new Step.Mount("remount /sys/fs/cgroup read-only", TARGET_IN_ROOT, "", "/sys/fs/cgroup", "",
                        MS_BIND | MS_REMOUNT | cg | MS_RDONLY, ""));
        assertThat(mountsTo(plan, "/sys/fs/cgroup/memory")).containsExactly(
                new Step.Mount("rbind /sys/fs/cgroup/memory/hull/c1 on /sys/fs/cgroup/memory",
                        TARGET_IN_ROOT | BIND_SOURCE_STAT, "/sys/fs/cgroup/memory/hull/c1", "/sys/fs/cgroup/memory",
                        "", MS_BIND | MS_REC, ""),
                new Step.Mount("remount /sys/fs/cgroup/memory read-only", TARGET_IN_ROOT, "",
                        "/sys/fs/cgroup/memory", "", MS_BIND | MS_REMOUNT | cg | MS_RDONLY, ""));
        assertThat(plan.stepsOf(Step.Symlink.class)).contains(
                new Step.Symlink("symlink /sys/fs/cgroup/cpu -> cpu,cpuacct", "cpu,cpuacct", "/sys/fs/cgroup/cpu"),
                new Step.Symlink("symlink /dev/ptmx -> pts/ptmx", "pts/ptmx", "/dev/ptmx"),
                new Step.Symlink("symlink /dev/fd -> /proc/self/fd", "/proc/self/fd", "/dev/fd"));
        assertThat(plan.stepsOf(Step.Mknod.class)).first()
                .isEqualTo(new Step.Mknod("mknod /dev/null", "/dev/null", 0020666, 1, 3, 0, 0));
        assertThat(plan.stepsOf(Step.Mknod.class)).extracting(Step.Mknod::path)
                .containsExactly("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty");
    }

    @Test
    void cgroupMountWithACgroupNamespace() {
        Spec spec = withLinux(runcSpec(), l -> l.withNamespaces(namespaces("pid", "mount", "cgroup")))
                .withHostname(null);
        Plan v1 = create(spec);
        long ro = MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY;
        assertThat(v1.cloneStep().cloneFlags()).isEqualTo(NEWPID | NEWNS | NEWCGROUP);
        assertThat(mountsTo(v1, "/sys/fs/cgroup/memory")).containsExactly(new Step.Mount(
                "mount cgroup on /sys/fs/cgroup/memory", TARGET_IN_ROOT | MKDIR, "cgroup", "/sys/fs/cgroup/memory",
                "cgroup", ro, "memory"));
        assertThat(mountsTo(v1, "/sys/fs/cgroup/systemd")).extracting(Step.Mount::data).containsExactly("name=systemd");
        assertThat(mountsTo(v1, "/sys/fs/cgroup/unified")).extracting(Step.Mount::fsType).containsExactly("cgroup2");
        Plan v2 = create(spec, options(V2));
        assertThat(mountsTo(v2, "/sys/fs/cgroup")).containsExactly(new Step.Mount("mount cgroup2 on /sys/fs/cgroup",
                TARGET_IN_ROOT | MKDIR, "cgroup2", "/sys/fs/cgroup", "cgroup2", ro, ""));
    }

    @Test
    void cgroupMountOnV2WithoutCgroupNamespaceBindsTheContainersCgroup() {
        Plan plan = create(runcSpec(), options(V2));
        long ro = MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY;
        assertThat(mountsTo(plan, "/sys/fs/cgroup")).containsExactly(
                new Step.Mount("rbind /sys/fs/cgroup/hull/c1 on /sys/fs/cgroup", TARGET_IN_ROOT | BIND_SOURCE_STAT,
                        "/sys/fs/cgroup/hull/c1", "/sys/fs/cgroup", "", MS_BIND | MS_REC, ""),
                new Step.Mount("remount /sys/fs/cgroup read-only", TARGET_IN_ROOT, "", "/sys/fs/cgroup", "",
                        MS_BIND | MS_REMOUNT | ro, ""));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(runcSpec(), options(List.of())))
                .isInstanceOf(SpecException.class)
                .hasMessage("config.json: mounts[6]: a cgroup mount on /sys/fs/cgroup needs the host's cgroup"
                        + " hierarchies, and none were given");
    }

    @Test
    void bindMountWithReadOnlyIsBoundThenRemounted() {
        Plan plan = create(withMount(runcSpec(), new Mount("/data", "bind", "/host/x", List.of("bind", "ro", "nosuid"))));
        assertThat(mountsTo(plan, "/data")).containsExactly(
                new Step.Mount("bind /host/x on /data", TARGET_IN_ROOT | BIND_SOURCE_STAT, "/host/x", "/data", "",
                        MS_BIND, ""),
                new Step.Mount("remount /data read-only", TARGET_IN_ROOT, "", "/data", "",
                        MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID, ""));
    }

    @Test
    void bindMountVariants() {
        Spec spec = withMount(withMount(withMount(runcSpec(),
                new Mount("/a", "none", "data/a", List.of("rbind", "rprivate"))),
                new Mount("/b/../c", null, "/host/c", List.of("bind", "nodev"))),
                new Mount("/d", "bind", "/host/d", List.of()));
        Plan plan = create(spec);
        assertThat(mountsTo(plan, "/a")).containsExactly(
                new Step.Mount("rbind /run/b/data/a on /a", TARGET_IN_ROOT | BIND_SOURCE_STAT, "/run/b/data/a", "/a",
                        "", MS_BIND | MS_REC, ""),
                new Step.Mount("make /a rprivate", TARGET_IN_ROOT, "", "/a", "", MS_PRIVATE | MS_REC, ""));
        assertThat(mountsTo(plan, "/c")).containsExactly(
                new Step.Mount("bind /host/c on /c", TARGET_IN_ROOT | BIND_SOURCE_STAT, "/host/c", "/c", "",
                        MS_BIND, ""),
                new Step.Mount("remount /c with nodev", TARGET_IN_ROOT, "", "/c", "", MS_BIND | MS_REMOUNT | MS_NODEV,
                        ""));
        assertThat(mountsTo(plan, "/d")).hasSize(1);
    }

    @Test
    void readOnlyDevIsMountedWritableAndRemountedAtTheEnd() {
        List<Mount> mounts = new ArrayList<>(runcSpec().mounts());
        mounts.set(1, new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "ro", "mode=755")));
        Plan plan = create(runcSpec().withMounts(mounts));
        List<Step.Mount> dev = mountsTo(plan, "/dev");
        assertThat(dev).containsExactly(
                new Step.Mount("mount tmpfs on /dev", TARGET_IN_ROOT | MKDIR, "tmpfs", "/dev", "tmpfs", MS_NOSUID,
                        "mode=755"),
                new Step.Mount("remount /dev read-only", TARGET_IN_ROOT, "", "/dev", "",
                        MS_BIND | MS_REMOUNT | MS_NOSUID | MS_RDONLY, ""));
        assertThat(index(plan, dev.get(1))).isGreaterThan(last(plan, Step.Mknod.class))
                .isGreaterThan(first(plan, Step.PivotRoot.class))
                .isLessThan(first(plan, Step.RemountReadonly.class));
    }

    @Test
    void devBoundFromTheHostGetsNoDevices() {
        List<Mount> mounts = new ArrayList<>(runcSpec().mounts());
        mounts.set(1, new Mount("/dev", "bind", "/dev", List.of("rbind")));
        Plan plan = create(runcSpec().withMounts(mounts));
        assertThat(plan.stepsOf(Step.Mknod.class)).isEmpty();
        assertThat(plan.stepsOf(Step.Symlink.class)).extracting(Step.Symlink::linkPath).noneMatch(p -> p.startsWith("/dev"));
    }

    @Test
    void configDevicesAreAddedAndOverrideDefaults() {
        Spec spec = withLinux(runcSpec(), l -> l.withDevices(List.of(
                new LinuxDevice("c", "/dev/fuse", 10L, 229L, 0600L, null, null),
                new LinuxDevice("b", "/dev/loop0", 7L, 0L, null, 0L, 6L),
                new LinuxDevice("c", "/dev/null", 1L, 3L, 0660L, 0L, 5L))));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.Mknod.class)).contains(
                new Step.Mknod("mknod /dev/null", "/dev/null", 0020660, 1, 3, 0, 5),
                new Step.Mknod("mknod /dev/fuse", "/dev/fuse", 0020600, 10, 229, 0, 0),
                new Step.Mknod("mknod /dev/loop0", "/dev/loop0", 0060666, 7, 0, 0, 6));
        assertThat(plan.stepsOf(Step.Mknod.class)).hasSize(8);
    }

    @Test
    void listedPtmxDeviceGivesWayToThePtsSymlink() {
        // docker --privileged (or --device /dev/ptmx) lists the host's /dev/ptmx
        Spec spec = withLinux(runcSpec(), l -> l.withDevices(List.of(
                new LinuxDevice("c", "/dev/ptmx", 5L, 2L, 0666L, 0L, 0L))));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.Mknod.class)).noneMatch(m -> m.path().equals("/dev/ptmx"));
        assertThat(plan.stepsOf(Step.Symlink.class)).contains(
                new Step.Symlink("symlink /dev/ptmx -> pts/ptmx", "pts/ptmx", "/dev/ptmx"));
    }

    @Test
    void userNamespaceGetsMapsAndBoundDevices() {
        Plan plan = create(rootlessUserns());
        Step.Clone c = plan.cloneStep();
        assertThat(c.cloneFlags()).isEqualTo(NEWPID | NEWIPC | NEWUTS | NEWNS | NEWUSER);
        assertThat(c.uidMap()).isEqualTo("0 1000 1\n");
        assertThat(c.gidMap()).isEqualTo("0 1000 1\n");
        assertThat(c.options() & Step.Clone.SETGROUPS_DENY).isZero();
        assertThat(plan.stepsOf(Step.Mknod.class)).isEmpty();
        assertThat(mountsTo(plan, "/dev/null")).containsExactly(new Step.Mount("bind /dev/null on /dev/null",
                TARGET_IN_ROOT | MKFILE, "/dev/null", "/dev/null", "", MS_BIND, ""));
        assertThat(mountsTo(plan, "/dev/tty")).hasSize(1);
        assertThat(mountsTo(plan, "/dev/pts")).extracting(Step.Mount::data)
                .containsExactly("newinstance,ptmxmode=0666,mode=0620");

        Spec multi = withLinux(rootlessUserns(), l -> l.withIdMappings(
                List.of(new dev.hull.runtime.spec.IdMapping(0, 100000, 65536),
                        new dev.hull.runtime.spec.IdMapping(65536, 1000, 1)),
                List.of(new dev.hull.runtime.spec.IdMapping(0, 100000, 65536))));
        assertThat(create(multi).cloneStep().uidMap()).isEqualTo("0 100000 65536\n65536 1000 1\n");
    }

    @Test
    void sysfsAndMqueueInAUserNamespaceWithoutTheirNamespacesAreBound() {
        Spec spec = withLinux(SpecDefaults.spec(false, false, 0, 0), l -> l
                .withNamespaces(namespaces("pid", "uts", "mount", "user"))
                .withIdMappings(List.of(new dev.hull.runtime.spec.IdMapping(0, 100000, 65536)),
                        List.of(new dev.hull.runtime.spec.IdMapping(0, 100000, 65536))));
        Plan plan = create(spec);
        assertThat(mountsTo(plan, "/sys")).containsExactly(
                new Step.Mount("rbind /sys on /sys", TARGET_IN_ROOT | BIND_SOURCE_STAT, "/sys", "/sys", "",
                        MS_BIND | MS_REC, ""),
                new Step.Mount("remount /sys read-only", TARGET_IN_ROOT, "", "/sys", "",
                        MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, ""));
        assertThat(mountsTo(plan, "/dev/mqueue")).first().isEqualTo(new Step.Mount("bind /dev/mqueue on /dev/mqueue",
                TARGET_IN_ROOT | BIND_SOURCE_STAT, "/dev/mqueue", "/dev/mqueue", "", MS_BIND, ""));
        // with their own namespaces, the real file systems
        Spec own = withLinux(spec, l -> l.withNamespaces(namespaces("pid", "uts", "mount", "user", "network", "ipc")));
        Plan ownPlan = create(own);
        assertThat(mountsTo(ownPlan, "/sys")).extracting(Step.Mount::fsType).containsExactly("sysfs");
        assertThat(mountsTo(ownPlan, "/dev/mqueue")).extracting(Step.Mount::fsType).containsExactly("mqueue");
    }

    @Test
    void joinedNetworkNamespaceIsASetnsNotACloneFlag() {
        Spec spec = withLinux(runcSpec(), l -> l.withNamespaces(List.of(
                LinuxNamespace.create("pid"), new LinuxNamespace("network", "/var/run/netns/blue"),
                LinuxNamespace.create("ipc"), LinuxNamespace.create("uts"), LinuxNamespace.create("mount"))));
        Plan plan = create(spec);
        Step.SetNs join = new Step.SetNs("join net namespace /var/run/netns/blue", "/var/run/netns/blue", NEWNET);
        int at = index(plan, join);
        assertThat(at).isLessThan(first(plan, Step.Clone.class))
                .isGreaterThan(last(plan, Step.JoinCgroup.class))
                .isGreaterThan(first(plan, Step.ConsoleConnect.class));
        assertThat(plan.cloneStep().cloneFlags()).isEqualTo(NEWPID | NEWIPC | NEWUTS | NEWNS);
    }

    @Test
    void aWorkingDirectoryIsMadeBeforePivotRoot() {
        Spec spec = runcSpec().withProcess(runcSpec().process().withCwd("/srv/app"));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.Mkdir.class)).extracting(Step.Mkdir::path).containsExactly("/srv/app");
        assertThat(index(plan, plan.stepsOf(Step.Mkdir.class).getFirst())).isLessThan(first(plan, Step.PivotRoot.class));
        assertThat(create(runcSpec().withProcess(runcSpec().process().withCwd("/"))).stepsOf(Step.Mkdir.class))
                .isEmpty();
    }

    @Test
    void joinedMountNamespaceIsTheLastSetnsAndNotACloneFlag() {
        Spec spec = withLinux(runcSpec(), l -> l.withNamespaces(List.of(
                LinuxNamespace.create("pid"), new LinuxNamespace("mount", "/proc/7/ns/mnt"),
                new LinuxNamespace("network", "/proc/7/ns/net"), LinuxNamespace.create("uts"))));
        Plan plan = create(spec);
        List<Step.SetNs> joins = plan.stepsOf(Step.SetNs.class);
        assertThat(joins.getLast().path()).isEqualTo("/proc/7/ns/mnt");
        assertThat(joins).hasSize(2);
        assertThat(plan.cloneStep().cloneFlags() & NEWNS).isZero();
        // the root is still built and pivoted in the joined namespace
        assertThat(plan.stepsOf(Step.PivotRoot.class)).hasSize(1);
    }

    @Test
    void joinedUserNamespaceComesFirstAndWritesNoMaps() {
        Spec spec = withLinux(runcSpec(), l -> l.withNamespaces(List.of(
                LinuxNamespace.create("pid"), new LinuxNamespace("network", "/proc/7/ns/net"),
                new LinuxNamespace("ipc", "/proc/7/ns/ipc"), LinuxNamespace.create("uts"),
                LinuxNamespace.create("mount"), new LinuxNamespace("user", "/proc/7/ns/user"))));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.SetNs.class)).containsExactly(
                new Step.SetNs("join user namespace /proc/7/ns/user", "/proc/7/ns/user", NEWUSER),
                new Step.SetNs("join net namespace /proc/7/ns/net", "/proc/7/ns/net", NEWNET),
                new Step.SetNs("join ipc namespace /proc/7/ns/ipc", "/proc/7/ns/ipc", NEWIPC));
        assertThat(plan.cloneStep().uidMap()).isEmpty();
        assertThat(plan.cloneStep().cloneFlags()).isEqualTo(NEWPID | NEWUTS | NEWNS);
        // a user namespace, even joined, means devices are bound, not made
        assertThat(plan.stepsOf(Step.Mknod.class)).isEmpty();
    }

    @Test
    void rlimits() {
        Process p = runcSpec().process().withRlimits(List.of(new Rlimit("RLIMIT_NOFILE", 4096, 1024),
                new Rlimit("RLIMIT_CORE", -1, -1), new Rlimit("RLIMIT_NPROC", 100, 50)));
        Plan plan = create(runcSpec().withProcess(p));
        assertThat(plan.stepsOf(Step.Rlimit.class)).containsExactly(
                new Step.Rlimit("setrlimit RLIMIT_NOFILE 1024:4096", 7, 1024, 4096),
                new Step.Rlimit("setrlimit RLIMIT_CORE unlimited:unlimited", 4, -1, -1),
                new Step.Rlimit("setrlimit RLIMIT_NPROC 50:100", 6, 50, 100));
        assertThat(first(plan, Step.Rlimit.class)).isGreaterThan(first(plan, Step.PivotRoot.class));
        assertThat(last(plan, Step.Rlimit.class)).isLessThan(first(plan, Step.Credentials.class));
    }

    @Test
    void hooksArePlacedByPhase() {
        Hook pre = new Hook("/usr/bin/netns-setup", List.of("netns-setup", "up"), List.of(), 5);
        Hook cc = new Hook("/usr/bin/cc-hook", List.of(), List.of("A=1"), null);
        Hook sc = new Hook("/usr/bin/sc-hook", List.of("sc"), List.of(), 3);
        Hook post = new Hook("/usr/bin/post", List.of(), List.of(), null);
        Spec spec = runcSpec().withHooks(new Hooks(List.of(pre), null, List.of(cc), List.of(sc), List.of(post),
                List.of(post)));
        Plan plan = create(spec);
        int sync = index(plan, new Step.Sync("wait for the prestart and createRuntime hooks", 1));
        int ccAt = index(plan, new Step.Hook("createContainer hook /usr/bin/cc-hook", "/usr/bin/cc-hook", List.of(),
                List.of("A=1"), 0));
        int scAt = index(plan, new Step.Hook("startContainer hook /usr/bin/sc-hook", "/usr/bin/sc-hook",
                List.of("sc"), List.of(), 3));
        int pivot = first(plan, Step.PivotRoot.class);
        assertThat(sync).isGreaterThan(last(plan, Step.Symlink.class)).isGreaterThan(first(plan, Step.OpenStartFifo.class))
                .isLessThan(ccAt);
        assertThat(ccAt).isLessThan(pivot);
        assertThat(scAt).isGreaterThan(first(plan, Step.AwaitStart.class)).isEqualTo(last(plan, Step.Exec.class) - 1);
        // runtime hooks (prestart, poststart, poststop) run in Java, not in the plan
        assertThat(plan.stepsOf(Step.Hook.class)).hasSize(2);

        Spec createRuntimeOnly = runcSpec().withHooks(new Hooks(null, List.of(pre), null, null, null, null));
        assertThat(create(createRuntimeOnly).stepsOf(Step.Sync.class)).hasSize(1);
        assertThat(create(runcSpec()).stepsOf(Step.Sync.class)).isEmpty();
        Spec postOnly = runcSpec().withHooks(new Hooks(null, null, null, null, List.of(post), List.of(post)));
        assertThat(create(postOnly).stepsOf(Step.Sync.class)).isEmpty();
    }

    @Test
    void maskedAndReadonlyPaths() {
        Spec spec = withLinux(runcSpec(), l -> l.withMaskedPaths(List.of("/proc/kcore", "/sys/firmware"),
                List.of("/proc/sys")));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.MaskPath.class)).containsExactly(
                new Step.MaskPath("mask /proc/kcore", "/proc/kcore"),
                new Step.MaskPath("mask /sys/firmware", "/sys/firmware"));
        assertThat(plan.stepsOf(Step.ReadonlyPath.class)).containsExactly(
                new Step.ReadonlyPath("make /proc/sys read-only", "/proc/sys"));
        assertThat(first(plan, Step.MaskPath.class)).isGreaterThan(first(plan, Step.PivotRoot.class));
    }

    @Test
    void sysctlsComeBeforeProcSysIsReadOnly() {
        Spec spec = withLinux(runcSpec(), l -> l.withSysctl(Map.of("net.ipv4.ip_forward", "1")));
        Plan plan = create(spec);
        int at = index(plan, new Step.Sysctl("sysctl net.ipv4.ip_forward=1", "net.ipv4.ip_forward", "1"));
        assertThat(at).isGreaterThan(first(plan, Step.PivotRoot.class)).isLessThan(first(plan, Step.ReadonlyPath.class));
    }

    @Test
    void terminalAndSession() {
        Process p = runcSpec().process().withTerminal(true, new ConsoleSize(50, 132));
        Plan plan = create(runcSpec().withProcess(p));
        assertThat(first(plan, Step.ConsoleConnect.class)).isLessThan(first(plan, Step.Clone.class));
        assertThat(plan.stepsOf(Step.Console.class)).containsExactly(new Step.Console("set up the terminal", 50, 132));
        assertThat(plan.stepsOf(Step.SetSid.class)).isEmpty();
        assertThat(first(plan, Step.Console.class)).isGreaterThan(first(plan, Step.PivotRoot.class))
                .isLessThan(first(plan, Step.Credentials.class));

        Plan detached = create(runcSpec().withProcess(p.withTerminal(false, null)));
        assertThat(detached.stepsOf(Step.ConsoleConnect.class)).isEmpty();
        assertThat(detached.stepsOf(Step.Console.class)).isEmpty();
        assertThat(detached.stepsOf(Step.SetSid.class)).hasSize(1);

        CreateOptions o = options();
        CreateOptions noSocket = new CreateOptions(o.bundle(), o.rootfs(), o.startFifo(), null, false, 0,
                o.cgroupProcsFiles(), o.cgroupMounts(), false, o.lsm());
        assertThatThrownBy(() -> PlanCompiler.compileCreate(runcSpec(), noSocket)).isInstanceOf(SpecException.class)
                .hasMessage("config.json: process.terminal is true, but no console socket was given"
                        + " (use --console-socket)");
    }

    @Test
    void credentialsCarryTheCapabilityMasks() {
        Process p = runcSpec().process().withUser(new User(1000, 100, 027, List.of(10L, 20L)));
        Plan plan = create(runcSpec().withProcess(p));
        long three = (1L << 29) | (1L << 5) | (1L << 10);
        assertThat(plan.stepsOf(Step.Credentials.class)).containsExactly(new Step.Credentials(
                "set uid 1000, gid 100 and capabilities", 1000, 100, List.of(10, 20), three, three, three, 0, 0, 0));
        assertThat(plan.stepsOf(Step.Umask.class)).containsExactly(new Step.Umask("set umask 0027", 027));
        assertThat(create(runcSpec()).stepsOf(Step.Umask.class)).containsExactly(new Step.Umask("set umask 0022", 022));
        Plan none = create(runcSpec().withProcess(runcSpec().process().withCapabilities(null)));
        Step.Credentials c = none.stepsOf(Step.Credentials.class).get(0);
        assertThat(c.bounding() | c.effective() | c.permitted() | c.inheritable() | c.ambient()).isZero();
    }

    @Test
    void ambientCapabilitiesNeedPermittedAndInheritable() {
        // as `runc spec` writes it: ambient listed, inheritable missing
        List<String> three = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        Capabilities runc = new Capabilities(three, three, null, three, three);
        Step.Credentials c = create(runcSpec().withProcess(runcSpec().process().withCapabilities(runc)))
                .stepsOf(Step.Credentials.class).get(0);
        assertThat(c.ambient()).isZero();
        assertThat(c.permitted()).isEqualTo(Capabilities.mask(three));
        Capabilities some = new Capabilities(three, three, List.of("CAP_KILL", "CAP_CHOWN"), three,
                List.of("CAP_KILL", "CAP_CHOWN"));
        c = create(runcSpec().withProcess(runcSpec().process().withCapabilities(some)))
                .stepsOf(Step.Credentials.class).get(0);
        assertThat(c.ambient()).isEqualTo(1L << 5);
    }

    @Test
    void executableLookupUsesTheProcessPath() {
        Plan plan = create(runcSpec());
        assertThat(plan.stepsOf(Step.ResolveExec.class)).containsExactly(new Step.ResolveExec("find executable \"sh\"",
                "sh", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        Process p = runcSpec().process().withEnv(List.of("PATH=/opt/bin", "HOME=/root", "PATH=/app/bin"))
                .withArgs(List.of("app", "--serve"));
        Plan custom = create(runcSpec().withProcess(p));
        assertThat(custom.stepsOf(Step.ResolveExec.class)).extracting(Step.ResolveExec::pathEnv)
                .containsExactly("/app/bin");
        assertThat(custom.stepsOf(Step.Exec.class)).containsExactly(new Step.Exec("exec \"app\"",
                List.of("app", "--serve"), List.of("PATH=/opt/bin", "HOME=/root", "PATH=/app/bin")));
        Plan noPath = create(runcSpec().withProcess(p.withEnv(List.of("TERM=xterm"))));
        assertThat(noPath.stepsOf(Step.ResolveExec.class)).extracting(Step.ResolveExec::pathEnv)
                .containsExactly("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void securityModules() {
        Spec apparmor = runcSpec().withProcess(runcSpec().process().withApparmorProfile("hull-default"));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(apparmor, options())).isInstanceOf(SpecException.class)
                .hasMessage("config.json: process.apparmorProfile \"hull-default\": AppArmor is not enabled on this host");
        CreateOptions o = options();
        CreateOptions lsm = new CreateOptions(o.bundle(), o.rootfs(), o.startFifo(), o.consoleSocket(), false, 0,
                o.cgroupProcsFiles(), o.cgroupMounts(), false, new HostLsm(true, true));
        Plan plan = create(apparmor, lsm);
        int attr = index(plan, new Step.WriteAttr("set AppArmor profile \"hull-default\"",
                "/proc/self/attr/apparmor/exec", "exec hull-default"));
        assertThat(attr).isLessThan(first(plan, Step.NoNewPrivs.class));

        Spec selinux = runcSpec().withProcess(runcSpec().process().withSelinuxLabel("system_u:system_r:container_t:s0"));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(selinux, options()))
                .hasMessage("config.json: process.selinuxLabel \"system_u:system_r:container_t:s0\": SELinux is not"
                        + " enabled on this host");
        assertThat(create(selinux, lsm).stepsOf(Step.WriteAttr.class)).containsExactly(new Step.WriteAttr(
                "set SELinux label \"system_u:system_r:container_t:s0\"", "/proc/self/attr/exec",
                "system_u:system_r:container_t:s0"));
        assertThat(create(runcSpec().withProcess(runcSpec().process().withNoNewPrivileges(false)))
                .stepsOf(Step.NoNewPrivs.class)).isEmpty();
    }

    @Test
    void seccompIsRefusedUntilACompilerIsPluggedIn() {
        Spec spec = withLinux(runcSpec(), l -> l.withSeccomp(JsonNodeFactory.instance.objectNode()
                .put("defaultAction", "SCMP_ACT_ERRNO")));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(spec, options())).isInstanceOf(SpecException.class)
                .hasMessage("config.json: linux.seccomp: not supported yet");
        Step.Seccomp filter = new Step.Seccomp("load seccomp filter", 0, new byte[8]);
        Plan nnp = PlanCompiler.compileCreate(spec, options(), s -> filter);
        assertThat(first(nnp, Step.Seccomp.class)).isEqualTo(first(nnp, Step.Credentials.class) + 1);
        Spec privileged = spec.withProcess(spec.process().withNoNewPrivileges(false));
        Plan plan = PlanCompiler.compileCreate(privileged, options(), s -> filter);
        assertThat(first(plan, Step.Seccomp.class)).isEqualTo(first(plan, Step.Credentials.class) - 1);
        PlanFixtures.encodable(plan);
    }

    @Test
    void timeNamespace() {
        Spec spec = withLinux(runcSpec(), l -> l.withNamespaces(namespaces("pid", "network", "ipc", "uts", "mount",
                "time")).withTimeOffsets(Map.of("monotonic", new TimeOffset(-3600, 0),
                "boottime", new TimeOffset(86400, 500))));
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.TimeNs.class)).containsExactly(new Step.TimeNs(
                "create time namespace (monotonic -3600s, boottime +86400s 500ns)", -3600, 0, 86400, 500));
        assertThat(first(plan, Step.TimeNs.class)).isLessThan(first(plan, Step.Clone.class));
        assertThat(plan.cloneStep().cloneFlags() & 0xff).isZero();
    }

    @Test
    void rootfsPropagation() {
        Plan shared = create(withLinux(runcSpec(), l -> l.withRootfsPropagation("rshared")));
        int pivot = first(shared, Step.PivotRoot.class);
        List<Step.Mount> root = mountsTo(shared, "/");
        assertThat(root).containsExactly(
                new Step.Mount("make / rshared", 0, "", "/", "", MS_SHARED | MS_REC, ""),
                new Step.Mount("make / rshared", 0, "", "/", "", MS_SHARED | MS_REC, ""));
        assertThat(shared.steps().indexOf(root.get(0))).isLessThan(pivot);
        assertThat(shared.steps().lastIndexOf(root.get(1))).isEqualTo(pivot + 1);
        assertThat(mountsTo(shared, ROOTFS.toString())).first().isEqualTo(new Step.Mount(
                "make the mount at /run/b/rootfs private", 0, "", ROOTFS.toString(), "", MS_PRIVATE, ""));

        // non-recursive: mounts below / stay shared, so the rootfs mount is made private as well
        Plan priv = create(withLinux(runcSpec(), l -> l.withRootfsPropagation("private")));
        assertThat(mountsTo(priv, "/")).extracting(Step.Mount::flags).containsExactly(MS_PRIVATE, MS_PRIVATE);
        assertThat(mountsTo(priv, ROOTFS.toString())).extracting(Step.Mount::flags)
                .containsExactly(MS_PRIVATE, MS_BIND | MS_REC);
        // a rootfs that is a plain directory: the propagation change names the mount holding it
        CreateOptions o = options();
        CreateOptions underRun = new CreateOptions(o.bundle(), o.rootfs(), o.startFifo(), o.consoleSocket(), false, 0,
                o.cgroupProcsFiles(), o.cgroupMounts(), false, o.lsm(), Path.of("/run"));
        Plan held = create(withLinux(runcSpec(), l -> l.withRootfsPropagation("shared")), underRun);
        assertThat(mountsTo(held, "/run")).containsExactly(new Step.Mount(
                "make the mount at /run private", 0, "", "/run", "", MS_PRIVATE, ""));
        assertThat(mountsTo(held, ROOTFS.toString())).extracting(Step.Mount::flags).containsExactly(MS_BIND | MS_REC);
        Plan rslave = create(withLinux(runcSpec(), l -> l.withRootfsPropagation("rslave")));
        assertThat(mountsTo(rslave, ROOTFS.toString())).extracting(Step.Mount::flags).containsExactly(MS_BIND | MS_REC);
        Plan dflt = create(runcSpec());
        assertThat(mountsTo(dflt, "/")).extracting(Step.Mount::flags).containsExactly(MS_SLAVE | MS_REC);
        assertThat(mountsTo(dflt, ROOTFS.toString())).extracting(Step.Mount::flags).containsExactly(MS_BIND | MS_REC);
    }

    @Test
    void launcherOptions() {
        Spec spec = runcSpec().withProcess(runcSpec().process().withOomScoreAdj(-500));
        CreateOptions o = new CreateOptions(BUNDLE, ROOTFS, FIFO, CONSOLE, true, 2, List.of(), V1_HYBRID, true,
                HostLsm.NONE);
        Plan plan = create(spec, o);
        assertThat(plan.steps().get(0)).isEqualTo(new Step.PreserveFds("close inherited fds except 2 preserved", 2));
        assertThat(plan.stepsOf(Step.JoinCgroup.class)).isEmpty();
        assertThat(plan.stepsOf(Step.OomScoreAdj.class)).containsExactly(new Step.OomScoreAdj("set oom_score_adj -500",
                -500));
        assertThat(first(plan, Step.OomScoreAdj.class)).isLessThan(first(plan, Step.Clone.class));
        assertThat(plan.stepsOf(Step.PivotRoot.class)).containsExactly(new Step.PivotRoot(
                "move /run/b/rootfs to / and chroot", ROOTFS.toString(), Step.PivotRoot.NO_PIVOT));
        assertThat(plan.cloneStep().waits()).isTrue();
    }

    @Test
    void hostnameAndRootReadonly() {
        Spec spec = runcSpec().withRoot(new Root("rootfs", false)).withHostname("web");
        Plan plan = create(spec);
        assertThat(plan.stepsOf(Step.RemountReadonly.class)).isEmpty();
        assertThat(plan.stepsOf(Step.SetHostname.class)).containsExactly(new Step.SetHostname("set hostname \"web\"",
                "web"));
        Spec noUts = withLinux(spec, l -> l.withNamespaces(namespaces("pid", "mount")));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(noUts, options()))
                .hasMessage("config.json: hostname needs a uts namespace, and linux.namespaces has none");
        assertThat(create(noUts.withHostname(null)).stepsOf(Step.SetHostname.class)).isEmpty();
    }

    @Test
    void refusesWhatThePlanCannotExpress() {
        Spec rro = withMount(runcSpec(), new Mount("/data", "bind", "/host", List.of("rbind", "rro")));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(rro, options()))
                .hasMessage("config.json: mounts[7].options: \"rro\" is not supported yet");
        Spec personality = withLinux(runcSpec(), l -> new Linux(l.namespaces(), null, null, null, null, null, null,
                null, null, null, null, null, null, JsonNodeFactory.instance.objectNode().put("domain", "LINUX32"),
                null));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(personality, options()))
                .hasMessage("config.json: linux.personality: not supported yet");
        Spec noMountNs = withLinux(runcSpec(), l -> l.withNamespaces(namespaces("pid", "uts")));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(noMountNs, options()))
                .hasMessage("config.json: linux.namespaces: a mount namespace is required");
        Spec noArgs = runcSpec().withProcess(runcSpec().process().withArgs(List.of()));
        assertThatThrownBy(() -> PlanCompiler.compileCreate(noArgs, options()))
                .hasMessage("config.json: process.args must not be empty");
    }

    @Test
    void mountLabelGoesIntoTheDataWithSelinux() {
        Spec spec = withLinux(runcSpec(), l -> new Linux(l.namespaces(), null, null, null, null, null, null, null,
                null, null, "system_u:object_r:container_file_t:s0:c1,c2", null, null, null, null));
        CreateOptions o = options();
        CreateOptions selinux = new CreateOptions(o.bundle(), o.rootfs(), o.startFifo(), o.consoleSocket(), false, 0,
                o.cgroupProcsFiles(), o.cgroupMounts(), false, new HostLsm(false, true));
        Plan plan = create(spec, selinux);
        assertThat(mountsTo(plan, "/dev/shm")).extracting(Step.Mount::data).containsExactly(
                "mode=1777,size=65536k,context=\"system_u:object_r:container_file_t:s0:c1,c2\"");
        assertThat(mountsTo(plan, "/proc")).extracting(Step.Mount::data).containsExactly("");
        assertThat(mountsTo(create(spec), "/dev/shm")).extracting(Step.Mount::data)
                .containsExactly("mode=1777,size=65536k");
    }

    @Test
    void everyPlanEncodes() {
        List<Spec> specs = List.of(runcSpec(), rootlessUserns(), SpecDefaults.spec(false, true, 0, 0),
                runcSpec().withHooks(new Hooks(List.of(new Hook("/bin/true", null, null, null)), null,
                        List.of(new Hook("/bin/true", List.of("true"), List.of("X=1"), 2)), null, null, null)));
        for (Spec s : specs) {
            for (List<CgroupMount> cg : List.of(V1_HYBRID, V2)) {
                Plan plan = PlanFixtures.encodable(PlanCompiler.compileCreate(s, options(cg)));
                assertThat(plan.steps()).hasSizeGreaterThan(20);
            }
        }
        assertThat(PlanFixtures.encodable(PlanCompiler.compileCreate(runcSpec(),
                new CreateOptions(Path.of("/b"), Path.of("/b/r"), Path.of("/f"), "/s", true, 0, null, V2, true, null))))
                .isNotNull();
    }
}

package dev.hull.runtime;

import dev.hull.runtime.cgroup.Cgroup;
import dev.hull.runtime.cgroup.CgroupHierarchy;
import dev.hull.runtime.cgroup.CgroupLayout;
import dev.hull.runtime.plan.CgroupMount;
import dev.hull.runtime.plan.HostLsm;
import dev.hull.runtime.plan.NamespaceJoin;
import dev.hull.runtime.plan.SeccompCompiler;
import dev.hull.runtime.plan.Step;
import dev.hull.runtime.seccomp.CompiledSeccomp;
import dev.hull.runtime.seccomp.SeccompException;
import dev.hull.runtime.seccomp.SeccompProfileCompiler;
import dev.hull.runtime.spec.Hooks;
import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the lifecycle operations read from a Spec and the host, in one place. */
final class Specs {

    /** linux.seccomp → the plan's SECCOMP step, through libseccomp. */
    static final SeccompCompiler SECCOMP = section -> {
        try {
            CompiledSeccomp c = SeccompProfileCompiler.compile(section);
            return new Step.Seccomp("load seccomp filter (" + c.instructions() + " instructions)", c.flags(),
                    c.filter());
        } catch (SeccompException e) {
            throw new SpecException(e.getMessage());
        }
    };

    private Specs() {
    }

    static Path rootfs(Spec spec, Path bundle) {
        return bundle.resolve(spec.root().path()).toAbsolutePath().normalize();
    }

    static String cgroupsPath(Spec spec) {
        return spec.linuxOrEmpty().cgroupsPath();
    }

    static Hooks hooks(Spec spec) {
        return spec.hooksOrEmpty();
    }

    static HostLsm hostLsm() {
        return new HostLsm(LsmProbe.apparmor(), LsmProbe.selinux());
    }

    static List<NamespaceJoin> namespaceJoins(Spec spec, int pid) {
        return NamespaceJoin.forContainer(spec, pid);
    }

    /** The host's hierarchies paired with the container's directory in each. */
    static List<CgroupMount> cgroupMounts(CgroupLayout layout, Cgroup cgroup) {
        List<CgroupMount> out = new ArrayList<>();
        List<CgroupHierarchy> hs = layout.hierarchies();
        for (int i = 0; i < hs.size(); i++) {
            CgroupHierarchy h = hs.get(i);
            out.add(new CgroupMount(h.name(), h.fsType(), h.options(), cgroup.dirs().get(i)));
        }
        return out;
    }
}

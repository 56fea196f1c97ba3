package dev.hull.runtime.plan;

import dev.hull.runtime.spec.Spec;
import dev.hull.runtime.spec.SpecDefaults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared inputs for the plan compiler tests: a cgroup v1 hybrid host like the build machines. */
final class PlanFixtures {

    static final Path BUNDLE = Path.of("/run/b");
    static final Path ROOTFS = Path.of("/run/b/rootfs");
    static final Path FIFO = Path.of("/run/hull-runtime/c1/exec.fifo");
    static final String CONSOLE = "/tmp/console.sock";
    static final String CG = "hull/c1";

    static final List<CgroupMount> V1_HYBRID = List.of(
            new CgroupMount("cpu,cpuacct", "cgroup", "cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct", CG)),
            new CgroupMount("memory", "cgroup", "memory", Path.of("/sys/fs/cgroup/memory", CG)),
            new CgroupMount("pids", "cgroup", "pids", Path.of("/sys/fs/cgroup/pids", CG)),
            new CgroupMount("systemd", "cgroup", "name=systemd", Path.of("/sys/fs/cgroup/systemd", CG)),
            new CgroupMount("unified", "cgroup2", "", Path.of("/sys/fs/cgroup/unified", CG)));
    static final List<CgroupMount> V2 = List.of(
            new CgroupMount("", "cgroup2", "", Path.of("/sys/fs/cgroup", CG)));
    static final List<Path> PROCS = List.of(Path.of("/sys/fs/cgroup/memory", CG, "cgroup.procs"),
            Path.of("/sys/fs/cgroup/pids", CG, "cgroup.procs"));

    private PlanFixtures() {
    }

    static Spec runcSpec() {
        return SpecDefaults.spec(false, false, 0, 0);
    }

    static CreateOptions options() {
        return new CreateOptions(BUNDLE, ROOTFS, FIFO, CONSOLE, false, 0, PROCS, V1_HYBRID, false, HostLsm.NONE);
    }

    static CreateOptions options(List<CgroupMount> cgroups) {
        return new CreateOptions(BUNDLE, ROOTFS, FIFO, CONSOLE, false, 0, PROCS, cgroups, false, HostLsm.NONE);
    }

    /** Every compiled plan must also encode; hull-init decodes what the encoder writes. */
    static Plan encodable(Plan plan) {
        byte[] bytes = PlanEncoder.encode(plan);
        assertThat(new String(Arrays.copyOf(bytes, 8), StandardCharsets.US_ASCII)).isEqualTo("HULLPLAN");
        assertThat(bytes.length).isGreaterThan(16 + plan.steps().size() * 8);
        return plan;
    }

    static Plan create(Spec spec) {
        return encodable(PlanCompiler.compileCreate(spec, options()));
    }

    static Plan create(Spec spec, CreateOptions o) {
        return encodable(PlanCompiler.compileCreate(spec, o));
    }

    static int index(Plan plan, Step step) {
        int i = plan.steps().indexOf(step);
        assertThat(i).as("step %s in plan:\n%s", step, plan.describe()).isNotNegative();
        return i;
    }

    static int first(Plan plan, Class<? extends Step> type) {
        for (int i = 0; i < plan.steps().size(); i++) {
            if (type.isInstance(plan.steps().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " step in plan:\n" + plan.describe());
    }

    static int last(Plan plan, Class<? extends Step> type) {
        for (int i = plan.steps().size() - 1; i >= 0; i--) {
            if (type.isInstance(plan.steps().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " step in plan:\n" + plan.describe());
    }

    static List<Step.Mount> mountsTo(Plan plan, String target) {
        return plan.stepsOf(Step.Mount.class).stream().filter(m -> m.target().equals(target)).toList();
    }
}

package dev.hull.runtime.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Making a container's cgroup on v2 passes the controllers down from the root. */
class SubtreeControlTest {

    @TempDir
    Path tmp;

    @Test
    void everyAncestorPassesOnWhatItHasFromTheRootDown() {
        FakeCgroupV2 fs = new FakeCgroupV2(tmp);
        Path pods = fs.root.resolve("kubepods");
        FakeCgroupV2.write(pods, "cgroup.controllers", "cpu io memory pids");
        FakeCgroupV2.write(pods, "cgroup.subtree_control", "memory");

        Cgroup c = Cgroup.create(fs.layout, "/kubepods/pod1/ctr");

        assertThat(c.dirs()).containsExactly(pods.resolve("pod1/ctr"));
        assertThat(Files.isDirectory(pods.resolve("pod1/ctr"))).isTrue();
        assertThat(FakeCgroupV2.read(fs.root, "cgroup.subtree_control"))
                .isEqualTo("+cpu +cpuset +io +memory +pids +hugetlb +rdma +misc");
        assertThat(FakeCgroupV2.read(pods, "cgroup.subtree_control")).isEqualTo("+cpu +io +pids");
        // pod1 is new: a kernel would fill its cgroup.controllers, plain files do not; the
        // container's own cgroup passes nothing on
        assertThat(pods.resolve("pod1/ctr/cgroup.subtree_control")).doesNotExist();
    }

    @Test
    void whatIsAlreadyPassedOnIsNotWrittenAgain() {
        FakeCgroupV2 fs = new FakeCgroupV2(tmp);
        FakeCgroupV2.write(fs.root, "cgroup.controllers", "cpu memory pids");
        FakeCgroupV2.write(fs.root, "cgroup.subtree_control", "cpu memory pids");
        Path before = fs.root.resolve("cgroup.subtree_control");
        Cgroup.create(fs.layout, "/ctr");
        assertThat(FakeCgroupV2.read(fs.root, "cgroup.subtree_control")).isEqualTo("cpu memory pids");
        assertThat(before).exists();
    }

    @Test
    void aNewIntermediateCgroupPassesOnBeforeItsChildIsMade() {
        FakeCgroupV2 fs = new FakeCgroupV2(tmp);
        // an existing leaf below an existing parent: the parent still passes on
        Path parent = fs.root.resolve("hull");
        FakeCgroupV2.write(parent, "cgroup.controllers", "memory pids");
        FakeCgroupV2.write(parent, "cgroup.subtree_control", "");
        FakeCgroupV2.write(parent.resolve("ctr"), "cgroup.controllers", "");
        Cgroup.create(fs.layout, "/hull/ctr");
        assertThat(FakeCgroupV2.read(parent, "cgroup.subtree_control")).isEqualTo("+memory +pids");
    }

    @Test
    void aParentThatRefusesControllersDoesNotStopTheCreate() {
        FakeCgroupV2 fs = new FakeCgroupV2(tmp);
        FakeCgroupV2.breakWrites(fs.root, "cgroup.subtree_control"); // every write fails, one by one too
        Cgroup c = Cgroup.create(fs.layout, "/ctr");
        assertThat(Files.isDirectory(c.dirs().getFirst())).isTrue();
    }

    @Test
    void theHybridLayoutsCgroup2HierarchyIsLeftAsItWas() throws Exception {
        Path memory = Files.createDirectories(tmp.resolve("memory"));
        Path unified = tmp.resolve("unified");
        FakeCgroupV2.write(unified, "cgroup.controllers", "hugetlb");
        FakeCgroupV2.write(unified, "cgroup.subtree_control", "");
        CgroupLayout hybrid = new CgroupLayout(List.of(new CgroupHierarchy("memory", memory, "cgroup", "memory"),
                new CgroupHierarchy("unified", unified, "cgroup2", "")));
        Cgroup c = Cgroup.create(hybrid, "/ctr");
        assertThat(c.dirs()).containsExactly(memory.resolve("ctr"), unified.resolve("ctr"));
        assertThat(FakeCgroupV2.read(unified, "cgroup.subtree_control")).isEmpty();
    }
}

package dev.hull.engine.it;

import dev.hull.engine.container.ContainerDoc;
import dev.hull.engine.container.ContainerExited;
import dev.hull.engine.container.CreateContainer;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.container.EngineLayout;
import dev.hull.engine.container.ExecContainer;
import dev.hull.engine.container.LogReader;
import dev.hull.engine.container.RemoveContainer;
import dev.hull.engine.container.RestartPolicy;
import dev.hull.engine.container.RootfsSource;
import dev.hull.engine.container.StartContainer;
import dev.hull.engine.container.StopContainer;
import dev.hull.engine.container.WaitContainer;
import dev.hull.engine.db.ConflictException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.db.MetadataStore;
import dev.hull.engine.db.StoreOptions;
import dev.hull.engine.spec.HostEntry;
import dev.hull.engine.spec.MountRequest;
import dev.hull.engine.spec.RunOptions;
import dev.hull.runtime.RuntimeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's container lifecycle on the real kernel, through its Java API: create,
 * start under hull-monitor, wait, logs, stop, kill, rm, --rm and restart policies,
 * with the effect of the run options checked inside the container.
 */
class ContainerLifecycleIT {

    @TempDir
    Path tmp;

    private MetadataStore db;
    private EngineContext ctx;
    private Path rootfs;

    @BeforeEach
    void open() throws Exception {
        db = MetadataStore.open(StoreOptions.inRoot(tmp.resolve("lib")));
        EngineLayout layout = new EngineLayout(tmp.resolve("lib"), tmp.resolve("run"));
        ctx = new EngineContext(db, layout, RuntimeContext.of(layout.runtimeRoot(), false), RootfsSource.DIRECTORY,
                List.of());
        rootfs = BusyboxRootfs.make(tmp.resolve("rootfs"));
    }

    @AfterEach
    void close() {
        for (ContainerRow r : db.containers().list(dev.hull.engine.db.ContainerFilter.all())) {
            try {
                RemoveContainer.remove(ctx, r.id(), true);
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        db.close();
    }

    private ContainerDoc doc(RunOptions o) {
        return doc(o, RestartPolicy.NO, false);
    }

    private ContainerDoc doc(RunOptions o, RestartPolicy restart, boolean autoRemove) {
        return new ContainerDoc(o, null, rootfs.toString(), restart, autoRemove, "SIGTERM", 10, false, 0, 1,
                List.of(new HostEntry("db.local", "10.1.2.3")), List.of("192.0.2.53"));
    }

    private ContainerRow create(String name, RunOptions o) {
        return CreateContainer.create(ctx, new CreateContainer.Request(name, "", "", doc(o), Map.of("app", "t")));
    }

    private static RunOptions sh(String script) {
        return RunOptions.builder().cmd(List.of("/bin/sh", "-c", script)).build();
    }

    private String output(ContainerRow row) throws IOException {
        StringBuilder b = new StringBuilder();
        LogReader.read(ctx.layout().logFile(row.id()), LogReader.Options.ALL, () -> false,
                e -> b.append(e.stream()).append(':').append(e.text()));
        return b.toString();
    }

    @Test
    void aContainerRunsUnderItsMonitorAndItsExitAndOutputAreRecorded() throws Exception {
        ContainerRow row = create("first", sh("echo hi; echo err >&2; exit 3"));
        assertThat(row.state()).isEqualTo(ContainerState.CREATED);
        row = StartContainer.start(ctx, "first");
        assertThat(row.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(row.status().init().pid()).isPositive();

        assertThat(WaitContainer.await(ctx, "first")).isEqualTo(3);
        ContainerRow done = db.containers().get(row.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ContainerState.EXITED);
        assertThat(done.status().exitCode()).isEqualTo(3);
        assertThat(done.status().finishedAt()).isAfterOrEqualTo(done.status().startedAt());
        assertThat(output(done)).contains("stdout:hi\n").contains("stderr:err\n");
        // the runtime container and its cgroup went with the exit
        assertThat(ctx.runtime().store().dir(row.id())).doesNotExist();
        assertThat(cgroupDirs(row.id())).isEmpty();
    }

    @Test
    void runOptionsTakeEffectInsideTheContainer() throws Exception {
        RunOptions o = RunOptions.builder()
                .cmd(List.of("/bin/sh", "-c", "id -u; hostname; pwd; echo $GREETING; cat /etc/hosts; "
                        + "cat /etc/resolv.conf; grep CapEff /proc/self/status; touch /rootfs-write 2>&1; "
                        + "echo tmp > /scratch/t && cat /scratch/t; cat /proc/self/cgroup | grep memory"))
                .env("GREETING=hello").user("nobody").hostname("box").workdir("/tmp").readOnly(true)
                .memory(64L << 20).mount(MountRequest.tmpfsFlag("/scratch:mode=1777")).build();
        ContainerRow row = create("opts", o);
        StartContainer.start(ctx, "opts");
        assertThat(WaitContainer.await(ctx, "opts")).isZero();
        String out = output(row);
        assertThat(out).contains("stdout:65534\n", "stdout:box\n", "stdout:/tmp\n", "stdout:hello\n",
                "stdout:10.1.2.3\tdb.local\n", "stdout:nameserver 192.0.2.53\n", "stdout:tmp\n");
        // nobody has no capabilities; the read-only root refuses writes
        assertThat(out).contains("CapEff:\t0000000000000000").contains("Read-only file system");
    }

    @Test
    void dockersDefaultCapabilitiesAndCapDrop() throws Exception {
        ContainerRow row = create("caps", RunOptions.builder().cmd(List.of("/bin/sh", "-c",
                "grep CapBnd /proc/self/status; chown 1 /tmp && echo chowned")).capDrop("CHOWN").build());
        StartContainer.start(ctx, "caps");
        assertThat(WaitContainer.await(ctx, "caps")).isNotZero();
        // docker's default set is 0xa80425fb; without CAP_CHOWN (bit 0): 0xa80425fa
        assertThat(output(row)).contains("CapBnd:\t00000000a80425fa").doesNotContain("chowned");
    }

    @Test
    void stopSendsTheStopSignalThenKillsAfterTheTimeout() {
        // sh as pid 1 ignores SIGTERM: stop must fall back to SIGKILL
        ContainerRow row = create("stopme", sh("sleep 1000"));
        StartContainer.start(ctx, "stopme");
        ContainerRow stopped = StopContainer.stop(ctx, "stopme", 1);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.status().exitCode()).isEqualTo(137);
        assertThat(ctx.layout().stoppedMarker(row.id())).exists();
        assertThat(cgroupDirs(row.id())).isEmpty();
    }

    @Test
    void aTrappedStopSignalEndsTheContainerCleanly() throws Exception {
        ContainerRow row = create("trap", sh("trap 'exit 0' TERM; echo trapped; while true; do sleep 0.1; done"));
        StartContainer.start(ctx, "trap");
        // a pid 1 without a handler ignores SIGTERM: stop only once the trap is set
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!output(row).contains("trapped") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(StopContainer.stop(ctx, "trap", 10).status().exitCode()).isZero();
    }

    @Test
    void removingARunningContainerNeedsForceAndLeavesNothing() throws Exception {
        ContainerRow row = create("busy", sh("sleep 1000"));
        StartContainer.start(ctx, "busy");
        assertThatThrownBy(() -> RemoveContainer.remove(ctx, "busy", false))
                .hasMessage("cannot remove container \"/busy\": container is running: stop the container before "
                        + "removing or force remove");
        assertThat(db.containers().get(row.id()).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);

        RemoveContainer.remove(ctx, "busy", true);
        assertThat(db.containers().get(row.id())).isEmpty();
        assertThat(ctx.layout().containerDir(row.id())).doesNotExist();
        assertThat(ctx.layout().monitorDir(row.id())).doesNotExist();
        assertThat(ctx.runtime().store().dir(row.id())).doesNotExist();
        assertThat(cgroupDirs(row.id())).isEmpty();
        assertThat(processesMentioning(row.id())).isEmpty();
    }

    @Test
    void aCommandThatDoesNotExistExitsWith127AndLeavesTheContainerExited() {
        ContainerRow row = create("nocmd", RunOptions.builder().cmd(List.of("/no/such/command")).build());
        assertThatThrownBy(() -> StartContainer.start(ctx, "nocmd")).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.exitCode()).isEqualTo(127)).hasMessageContaining("/no/such/command");
        ContainerRow after = db.containers().get(row.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ContainerState.EXITED);
        assertThat(after.status().exitCode()).isEqualTo(127);
        assertThat(ctx.runtime().store().dir(row.id())).doesNotExist();
        assertThat(cgroupDirs(row.id())).isEmpty();
    }

    @Test
    void namesAreUniqueAndAFailedCreateLeavesNoRow() {
        create("taken", sh("true"));
        assertThatThrownBy(() -> create("taken", sh("true"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("The container name \"/taken\" is already in use");
        assertThatThrownBy(() -> create("empty", RunOptions.builder().build())).hasMessage("no command specified");
        assertThat(db.containers().byName("empty")).isEmpty();
    }

    @Test
    void autoRemoveAndRestartPoliciesActWhenTheContainerExits() throws Exception {
        ContainerRow gone = CreateContainer.create(ctx, new CreateContainer.Request("rm", "", "",
                doc(sh("exit 0"), RestartPolicy.NO, true), Map.of()));
        StartContainer.start(ctx, "rm");
        WaitContainer.await(ctx, "rm");
        ContainerExited.handle(ctx, gone.id()); // what the monitor's exit command runs
        assertThat(db.containers().get(gone.id())).isEmpty();
        assertThat(ctx.layout().containerDir(gone.id())).doesNotExist();

        ContainerRow flaky = CreateContainer.create(ctx, new CreateContainer.Request("flaky", "", "",
                doc(sh("exit 5"), RestartPolicy.parse("on-failure:2"), false), Map.of()));
        StartContainer.start(ctx, "flaky");
        for (int i = 0; i < 3; i++) {
            assertThat(WaitContainer.await(ctx, "flaky")).isEqualTo(5);
            ContainerExited.handle(ctx, flaky.id());
        }
        ContainerRow after = db.containers().get(flaky.id()).orElseThrow();
        assertThat(after.status().restartCount()).isEqualTo(2);
        assertThat(after.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void execJoinsARunningContainerWithItsEnvironment() throws Exception {
        RunOptions o = RunOptions.builder().cmd(List.of("/bin/sh", "-c", "sleep 1000")).env("FROM_RUN=1")
                .hostname("execbox").build();
        create("ex", o);
        StartContainer.start(ctx, "ex");
        // the exec's stdout is this JVM's: it leaves its answer in the --rootfs directory instead
        int code = ExecContainer.exec(ctx, "ex", new ExecContainer.Request(List.of("/bin/sh", "-c",
                "echo $FROM_RUN $EXTRA $(hostname) $(id -u) $(pwd) > /tmp/seen; exit 4"),
                List.of("EXTRA=2"), "nobody", "/tmp", false, false, false, null));
        assertThat(code).isEqualTo(4);
        assertThat(Files.readString(rootfs.resolve("tmp/seen"))).isEqualTo("1 2 execbox 65534 /tmp\n");
        assertThatThrownBy(() -> ExecContainer.exec(ctx, "ex", new ExecContainer.Request(List.of("/no/such"),
                List.of(), null, null, false, false, false, null)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.exitCode()).isEqualTo(127));
        StopContainer.kill(ctx, "ex", "KILL");
        WaitContainer.await(ctx, "ex");
        assertThatThrownBy(() -> ExecContainer.exec(ctx, "ex", new ExecContainer.Request(List.of("true"),
                List.of(), null, null, false, false, false, null))).hasMessageContaining("is not running");
    }

    private static List<Path> cgroupDirs(String id) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(id)).forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            return cgroupDirs(id);
        }
        return found;
    }

    private static List<Long> processesMentioning(String s) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(s)).map(ProcessHandle::pid).toList();
    }
}

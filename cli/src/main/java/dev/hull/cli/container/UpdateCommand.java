package dev.hull.cli.container;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.ContainerViews;
import dev.hull.engine.container.EngineContext;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.ContainerRow;
import dev.hull.engine.db.ContainerState;
import dev.hull.engine.spec.ContainerSpecBuilder;
import dev.hull.engine.spec.RunOptions;
import dev.hull.runtime.ContainerException;
import dev.hull.runtime.ContainerResources;
import dev.hull.runtime.spec.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hull update [flags] CONTAINER...}: new limits for running containers, all or
 * nothing per container (the runtime puts the old values back if one write fails).
 * The new limits last until the container stops; a start uses the ones it was created with.
 */
@Command(name = "update", description = "Update the resource limits of one or more running containers.")
public final class UpdateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-m", "--memory"}) String memory;
    @Option(names = "--memory-swap") String memorySwap;
    @Option(names = "--memory-reservation") String memoryReservation;
    @Option(names = "--cpus") Double cpus;
    @Option(names = {"-c", "--cpu-shares"}) Long cpuShares;
    @Option(names = "--cpuset-cpus") String cpusetCpus;
    @Option(names = "--pids-limit") Long pidsLimit;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    @Override
    public Integer call() {
        RunOptions.Builder b = RunOptions.builder().cpus(cpus).cpuShares(cpuShares).cpusetCpus(cpusetCpus)
                .pidsLimit(pidsLimit);
        if (memory != null) {
            b.memory(ByteSize.parse("--memory", memory));
        }
        if (memorySwap != null) {
            b.memorySwap(memorySwap.equals("-1") ? -1L : ByteSize.parse("--memory-swap", memorySwap));
        }
        if (memoryReservation != null) {
            b.memoryReservation(ByteSize.parse("--memory-reservation", memoryReservation));
        }
        var resources = ContainerSpecBuilder.resources(b.build(), List.of()).without("devices");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("you must provide one or more flags when using this command");
        }
        EngineContext ctx = HullCli.engine(spec);
        return Each.container(containers, ref -> {
            ContainerRow row = ContainerViews.refreshed(ctx, ctx.db().containers().lookup(ref));
            if (row.state() != ContainerState.RUNNING && row.state() != ContainerState.PAUSED) {
                throw new EngineException("container " + row.id() + " is not running", 1);
            }
            try {
                ContainerResources.update(ctx.runtime(), row.id(), resources);
            } catch (ContainerException e) {
                throw new EngineException("Cannot update container " + row.id() + ": " + e.getMessage(), 1);
            }
        });
    }
}

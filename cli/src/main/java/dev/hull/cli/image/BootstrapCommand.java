package dev.hull.cli.image;

import dev.hull.cli.HullCli;
import dev.hull.image.bootstrap.BusyboxBootstrap;
import dev.hull.image.store.ImageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hull image bootstrap busybox}: the platform image from Debian's busybox-static; prints its ID. */
@Command(name = "bootstrap", description = "Build a platform image from distribution packages (busybox).")
public final class BootstrapCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(paramLabel = "IMAGE", description = "busybox") String what;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("busybox") && !what.equals("busybox:latest")) {
            throw new IllegalArgumentException("hull image bootstrap builds busybox; \"" + what + "\" is not known");
        }
        ImageRecord r = BusyboxBootstrap.bootstrap(HullCli.images(spec));
        System.out.println(r.id());
        return 0;
    }
}

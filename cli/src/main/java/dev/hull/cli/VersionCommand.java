package dev.hull.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.util.concurrent.Callable;

/** {@code hull version} and {@code hull --version}. */
@Command(name = "version", description = "Show the hull version information.")
public final class VersionCommand implements Callable<Integer>, IVersionProvider {

    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"hull version " + VERSION};
    }

    @Override
    public Integer call() {
        System.out.println("Client:");
        System.out.println(" Version:           " + VERSION);
        System.out.println(" Java version:      " + Runtime.version());
        System.out.println(" OS/Arch:           linux/" + System.getProperty("os.arch").replace("x86_64", "amd64"));
        System.out.println();
        System.out.println("Engine:");
        System.out.println(" Version:           " + VERSION + " (in-process, no daemon)");
        return 0;
    }
}

package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.spec.SpecDefaults;
import dev.hull.runtime.spec.SpecIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "spec", description = "Write a starting config.json into the bundle directory.")
final class SpecCommand implements Callable<Integer> {

    @Option(names = {"-b", "--bundle"}, description = "bundle directory (default: current directory)")
    Path bundle = Path.of(".");

    @Option(names = "--rootless", description = "a configuration for a container run by an unprivileged user")
    boolean rootless;

    @Override
    public Integer call() throws IOException {
        Path config = bundle.resolve("config.json");
        if (Files.exists(config)) {
            throw new ContainerException(config + " already exists: remove it first");
        }
        if (!Files.isDirectory(bundle)) {
            throw new ContainerException("bundle directory " + bundle + " does not exist");
        }
        Files.writeString(config, SpecIO.write(SpecDefaults.spec(rootless)) + "\n");
        return 0;
    }
}

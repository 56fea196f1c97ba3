package dev.hull.cli.image;

import dev.hull.cli.HullCli;
import dev.hull.image.ref.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hull tag SOURCE TARGET}. */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public final class TagCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE") String source;
    @Parameters(index = "1", paramLabel = "TARGET_IMAGE") String target;

    @Override
    public Integer call() {
        HullCli.images(spec).images().tag(source, Reference.parse(target));
        return 0;
    }
}

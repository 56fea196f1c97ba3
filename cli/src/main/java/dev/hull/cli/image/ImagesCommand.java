package dev.hull.cli.image;

import dev.hull.cli.HullCli;
import dev.hull.cli.HumanSize;
import dev.hull.cli.HumanTime;
import dev.hull.cli.TextTable;
import dev.hull.image.ImageStorage;
import dev.hull.image.ref.Reference;
import dev.hull.image.store.ImageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code hull images} / {@code hull image ls}: REPOSITORY TAG IMAGE ID CREATED SIZE. */
@Command(name = "images", aliases = "ls", description = "List images.")
public final class ImagesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-q", "--quiet"}) boolean quiet;
    @Option(names = "--no-trunc") boolean noTrunc;

    @Override
    public Integer call() throws Exception {
        ImageStorage images = HullCli.images(spec);
        TextTable t = new TextTable().row("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        Instant now = Instant.now();
        for (ImageRecord r : images.images().list()) {
            String id = noTrunc ? r.id().toString() : r.id().hex().substring(0, 12);
            if (quiet) {
                System.out.println(id);
                continue;
            }
            Instant created = images.config(r).createdInstant().orElse(r.created());
            String size = HumanSize.of(images.size(r));
            String ago = HumanTime.ago(Duration.between(created, now));
            boolean any = false;
            for (Reference n : r.names()) {
                if (n.tag() != null) {
                    t.row(n.familiarName(), n.tag(), id, ago, size);
                    any = true;
                }
            }
            if (!any) {
                t.row("<none>", "<none>", id, ago, size);
            }
        }
        if (!quiet) {
            System.out.print(t.render());
        }
        return 0;
    }
}

package dev.hull.cli.image;

import dev.hull.cli.HullCli;
import dev.hull.engine.container.EngineException;
import dev.hull.engine.db.ContainerFilter;
import dev.hull.engine.db.ContainerRow;
import dev.hull.image.ImageStorage;
import dev.hull.image.ref.Reference;
import dev.hull.image.store.ImageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hull rmi IMAGE...}: removes each image with all its names (docker's
 * "Untagged:" and "Deleted:" lines), and the blobs and layers nothing else uses; an
 * image a container uses is refused unless -f.
 */
@Command(name = "rmi", description = "Remove one or more images.")
public final class RmiCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-f", "--force"}) boolean force;
    @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> refs;

    @Override
    public Integer call() throws Exception {
        ImageStorage images = HullCli.images(spec);
        int status = 0;
        for (String ref : refs) {
            try {
                ImageRecord r = images.images().resolve(ref);
                Reference named = asName(ref);
                if (named != null && r.names().contains(named) && r.names().size() > 1) {
                    // one of several names: only that name goes, as in docker
                    images.images().untag(named);
                    System.out.println("Untagged: " + named.familiar());
                    continue;
                }
                if (!force) {
                    for (ContainerRow c : HullCli.engine(spec).db().containers().list(ContainerFilter.all())) {
                        if (c.imageId().equals(r.id().toString())) {
                            throw new EngineException("conflict: unable to remove repository reference \"" + ref
                                    + "\" (must force) - container " + c.shortId() + " is using its referenced image "
                                    + r.id().hex().substring(0, 12), 1);
                        }
                    }
                }
                ImageRecord removed = images.remove(r.id().toString());
                removed.names().forEach(n -> System.out.println("Untagged: " + n.familiar()));
                System.out.println("Deleted: " + removed.id());
            } catch (RuntimeException e) {
                System.err.println("Error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    /** The reference {@code ref} is as an image name (latest implied), or null for an ID or a malformed name. */
    private static Reference asName(String ref) {
        try {
            return Reference.parse(ref).withDefaultTag();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

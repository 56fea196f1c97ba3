package dev.hull.cli.container;

import dev.hull.engine.container.EngineException;
import dev.hull.image.ImageStorage;
import dev.hull.image.bootstrap.BusyboxBootstrap;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.image.ref.Reference;
import dev.hull.image.store.ImageRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The image `run` and `create` name. Found locally, it is used; busybox, missing and
 * with no registry client to pull it, is built from Debian's busybox-static (the
 * platform-image bootstrap), which is said on stderr; anything else missing is
 * docker's "Unable to find image" error.
 */
final class ImageLookup {

    /** @param name the normalised reference; id the image ID (config digest) */
    record Found(String name, String id, ContainerConfig config) {
    }

    private final ImageStorage storage;
    private final PrintStream err;

    ImageLookup(ImageStorage storage, PrintStream err) {
        this.storage = storage;
        this.err = err;
    }

    Found find(String image) {
        Optional<ImageRecord> found = storage.images().find(image);
        String name = image;
        try {
            name = Reference.parse(image).withDefaultTag().toString();
        } catch (RuntimeException e) {
            throw new EngineException("invalid reference format: " + image);
        }
        if (found.isEmpty()) {
            err.println("Unable to find image '" + Reference.parse(name).familiar() + "' locally");
            if (!name.equals(BusyboxBootstrap.NAME)) {
                throw new EngineException("pull access denied for " + Reference.parse(name).familiarName()
                        + ": hull has no registry client yet; load or build the image first");
            }
            err.println("hull: no registry to pull from: building busybox:latest from Debian's busybox-static "
                    + "(hull image bootstrap busybox)");
            try {
                found = Optional.of(BusyboxBootstrap.bootstrap(storage));
            } catch (IOException e) {
                throw new EngineException(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted");
            }
        }
        ImageRecord r = found.get();
        return new Found(name, r.id().toString(), storage.config(r).config());
    }
}

package dev.hull.image.store;

import dev.hull.image.oci.Digest;
import dev.hull.image.ref.Reference;

import java.nio.file.Path;

/** A second hull process tagging: {@code ROOT TARGET PREFIX COUNT} adds PREFIX0..PREFIXn to TARGET. */
public final class TagChild {
    public static void main(String[] args) {
        ImageStore store = new ImageStore(Path.of(args[0]));
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            store.tag(Digest.parse(args[1]).toString(), Reference.parse(args[2] + i));
        }
    }
}

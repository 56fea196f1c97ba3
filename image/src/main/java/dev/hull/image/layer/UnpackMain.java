package dev.hull.image.layer;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp ... dev.hull.image.layer.UnpackMain BLOB TARGET}: unpacks one layer blob
 * and prints its digests and the time taken. Used by {@code bench/unpack.sh}.
 */
public final class UnpackMain {
    private UnpackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: UnpackMain BLOB TARGET");
            System.exit(2);
        }
        long start = System.nanoTime();
        UnpackResult r;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            r = new LayerUnpacker().unpack(in, Path.of(args[1]));
        } catch (LayerUnpackException e) {
            System.err.println("hull: " + e.getMessage());
            System.exit(1);
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s blob=%s diffid=%s entries=%d bytes=%d ms=%d%n", r.compression(), r.blobDigest(),
                r.diffId(), r.entries(), r.unpackedBytes(), ms);
    }
}

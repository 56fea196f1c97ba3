package dev.hull.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run for hull's AOT cache (cli/src/build/make-aot-cache.sh): the
 * commands people run, on a throw-away root, so their classes are loaded and linked
 * ahead of time. With {@code --with-container} (as root, busybox-static installed)
 * also `run --rm busybox true`, which takes in the image bootstrap, overlay and
 * monitor paths.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        boolean withContainer = args.length > 0 && args[0].equals("--with-container");
        Path tmp = Files.createTempDirectory("hull-aot-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nul);
        System.setErr(nul);
        try {
            String[] roots = {"--root", tmp.resolve("lib").toString(), "--run-root", tmp.resolve("run").toString()};
            run(roots, "version");
            run(roots, "--help");
            run(roots, "ps", "-a");
            run(roots, "images");
            run(roots, "inspect", "nosuch");
            run(roots, "run", "--bogus");
            if (withContainer) {
                run(roots, "run", "--rm", "busybox", "true");
                run(roots, "run", "-d", "--name", "aot", "busybox", "sleep", "30");
                run(roots, "ps");
                run(roots, "logs", "aot");
                run(roots, "exec", "aot", "true");
                run(roots, "rm", "-f", "aot");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String[] roots, String... args) {
        String[] all = new String[roots.length + args.length];
        System.arraycopy(roots, 0, all, 0, roots.length);
        System.arraycopy(args, 0, all, roots.length, args.length);
        try {
            HullCli.run(all);
        } catch (RuntimeException e) {
            // training only: a failing command still loads its classes
        }
    }
}

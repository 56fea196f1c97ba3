package dev.hull.runtime.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training workload for the JDK AOT cache of the {@code hull-runtime} CLI
 * (runtime/src/build/make-aot-cache.sh runs it with {@code -XX:AOTCacheOutput}
 * after packaging). It runs the CLI's commands in one JVM so that the classes,
 * linkage and profiles they need are recorded: commands that need no privileges
 * always, and, when {@code --with-container} is given (root), one real
 * create / state / start / delete of a container whose program is an empty file.
 * Everything happens under a temporary directory; output is discarded and
 * failures are ignored: a training run only has to touch the code.
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
            String root = tmp.resolve("state").toString();
            Path bundle = tmp.resolve("bundle");
            Files.createDirectories(bundle.resolve("rootfs"));
            run("--version");
            run("--help");
            run("spec", "--bundle", bundle.toString());
            Path config = bundle.resolve("config.json");
            if (Files.exists(config)) { // no terminal (no console socket needed), and a program that exists
                Files.writeString(config, Files.readString(config)
                        .replaceAll("\"terminal\"\\s*:\\s*true", "\"terminal\": false")
                        .replaceAll("\"args\"\\s*:\\s*\\[\\s*\"sh\"\\s*\\]", "\"args\": [\"/bin/true\"]"));
            }
            Path program = Files.createDirectories(bundle.resolve("rootfs/bin")).resolve("true");
            Files.createFile(program); // never run: the container is deleted before start
            program.toFile().setExecutable(true);
            run("features");
            run("--root", root, "list");
            run("--root", root, "state", "missing");
            run("--root", root, "start", "missing");
            run("--root", root, "kill", "missing", "KILL");
            run("--root", root, "delete", "missing");
            run("--root", root, "create", "--bundle", tmp.resolve("no-bundle").toString(), "missing");
            run("--root", root, "--no-such-option", "list");
            if (withContainer) {
                String id = "aot-training-" + ProcessHandle.current().pid();
                run("--root", root, "create", "--bundle", bundle.toString(), id);
                run("--root", root, "state", id);
                run("--root", root, "list");
                run("--root", root, "start", id); // the empty program fails to exec: the container stops
                for (int i = 0; i < 3; i++) {
                    run("--root", root, "state", id);
                }
                run("--root", root, "delete", "--force", id);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... args) {
        try {
            HullRuntimeCli.execute(args);
        } catch (RuntimeException e) {
            // training only: the code path was exercised
        }
    }
}

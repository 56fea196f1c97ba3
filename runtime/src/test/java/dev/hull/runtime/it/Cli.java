package dev.hull.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** Runs bin/hull-runtime as a separate process, as podman or containerd would. */
public final class Cli {

    /** State root shared by the integration tests (kept apart from /run/hull-runtime). */
    public static final Path ROOT = Path.of("/run/hull-runtime-it");

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    public static Path home() {
        return Path.of(System.getProperty("hull.home", "..")).toAbsolutePath().normalize();
    }

    public static Result run(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home().resolve("bin/hull-runtime").toString());
        cmd.add("--root");
        cmd.add(ROOT.toString());
        cmd.addAll(List.of(args));
        return exec(cwd, cmd, 120);
    }

    /** Runs and requires exit status 0. */
    public static String ok(Path cwd, String... args) {
        Result r = run(cwd, args);
        if (r.exit() != 0) {
            throw new AssertionError("hull-runtime " + String.join(" ", args) + " failed: " + r);
        }
        return r.out();
    }

    /**
     * Output goes to files, not pipes: a created or detached container inherits
     * hull-runtime's stdout and stderr and may hold them open long after it exits.
     */
    public static Result exec(Path cwd, List<String> cmd, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("hull-cli", ".out");
            Path err = Files.createTempFile("hull-cli", ".err");
            try {
                Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + "s");
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

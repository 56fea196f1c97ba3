package dev.hull.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    public static Result exec(Path cwd, List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + "s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

package dev.hull.runtime.seccomp;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test classpath in a fresh JVM and parses its key=value output. */
final class ChildJvm {
    private ChildJvm() {}

    record Output(int exit, String stdout, String stderr, Map<String, String> values) {
        String get(String key) {
            return values.get(key);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static Path java() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        return fromHome.toFile().canExecute() ? fromHome : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    }

    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    static Output run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java().toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        InputStream err = p.getErrorStream();
        CompletableFuture<String> errText = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errText.complete("(stderr: " + e + ")");
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM " + main.getSimpleName() + " did not finish");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Output(p.exitValue(), out, errText.join(), values);
    }
}

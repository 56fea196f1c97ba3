package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An OCI bundle for integration tests: a rootfs made from Debian's busybox-static
 * (a template built once, copied per bundle) and a config.json starting from
 * {@code hull-runtime spec} and edited per test.
 */
public final class TestBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path template;

    public final Path dir;
    public final ObjectNode config;

    private TestBundle(Path dir, ObjectNode config) {
        this.dir = dir;
        this.config = config;
    }

    /** A bundle whose process runs {@code sh -c script} without a terminal. */
    public static TestBundle sh(Path parent, String script) {
        TestBundle b = create(parent);
        b.args("/bin/sh", "-c", script);
        return b;
    }

    public static TestBundle create(Path parent) {
        try {
            Path dir = Files.createTempDirectory(parent, "bundle");
            // a mapped root (user namespace) must be able to reach the rootfs
            Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("cp", "-a", template().toString(), dir.resolve("rootfs").toString()));
            Cli.ok(dir, "spec", "--bundle", dir.toString());
            ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(dir.resolve("config.json")));
            ((ObjectNode) config.get("process")).put("terminal", false);
            return new TestBundle(dir, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestBundle args(String... args) {
        ArrayNode a = process().putArray("args");
        for (String s : args) {
            a.add(s);
        }
        return this;
    }

    public ObjectNode process() {
        return (ObjectNode) config.get("process");
    }

    public ObjectNode linux() {
        return (ObjectNode) config.get("linux");
    }

    public TestBundle edit(Consumer<ObjectNode> change) {
        change.accept(config);
        return this;
    }

    /** Writes config.json; call after edits and before running. */
    public TestBundle write() {
        try {
            Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    /** The busybox rootfs template, built once per JVM under target/. */
    static synchronized Path template() throws IOException {
        if (template != null) {
            return template;
        }
        Path t = Path.of(System.getProperty("hull.home", "..")).toAbsolutePath().normalize()
                .resolve("runtime/target/it-rootfs");
        if (!Files.exists(t.resolve("bin/busybox"))) {
            Path busybox = Path.of("/bin/busybox");
            if (!Files.isExecutable(busybox)) {
                throw new IllegalStateException("/bin/busybox is missing: install busybox-static (bin/test does)");
            }
            Path tmp = Files.createTempDirectory(t.getParent(), "rootfs");
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String d : List.of("bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "etc", "tmp",
                    "root", "var", "data")) {
                Files.createDirectories(tmp.resolve(d));
            }
            Files.copy(busybox, tmp.resolve("bin/busybox"));
            run(List.of(tmp.resolve("bin/busybox").toString(), "--install", "-s", tmp.resolve("bin").toString()));
            // --install -s links to the absolute path of the busybox it ran; point them inside
            try (var s = Files.list(tmp.resolve("bin"))) {
                for (Path p : s.toList()) {
                    if (Files.isSymbolicLink(p)) {
                        Files.delete(p);
                        Files.createSymbolicLink(p, Path.of("busybox"));
                    }
                }
            }
            Files.writeString(tmp.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/:/bin/sh\n");
            Files.writeString(tmp.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.setPosixFilePermissions(tmp.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions
                    .fromString("rwxrwxrwx"));
            run(List.of("rm", "-rf", t.toString()));
            Files.move(tmp, t);
        }
        template = t;
        return t;
    }

    static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(cmd + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.hull.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared by the tests that drive hull-runtime through real container engines
 * (podman, dockerd): finding the tools, importing the busybox image, looking for
 * cgroups left behind and removing a scratch directory that may hold mounts.
 */
final class EngineSupport {

    private EngineSupport() {
    }

    static Path hullRuntime() {
        return Cli.home().resolve("bin/hull-runtime");
    }

    /** The tool's path; fails (never skips) when it is missing: bin/test installs it. */
    static String require(String tool, String debianPackage) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        throw new AssertionError(tool + " is not installed: install the Debian package " + debianPackage
                + " (bin/test does)");
    }

    /** Runs and requires exit 0. */
    static String ok(Path cwd, int timeoutSeconds, String... cmd) {
        Cli.Result r = Cli.exec(cwd, List.of(cmd), timeoutSeconds);
        assertThat(r.exit()).as(String.join(" ", cmd) + "\n" + r).isZero();
        return r.out();
    }

    static Cli.Result run(Path cwd, int timeoutSeconds, String... cmd) {
        return Cli.exec(cwd, List.of(cmd), timeoutSeconds);
    }

    /** Imports the busybox rootfs of the runtime tests as an image: {@code tar -c | ENGINE import - NAME}. */
    static void importBusybox(Path cwd, List<String> importCommand) throws IOException {
        Path rootfs = TestBundle.template();
        String cmd = "tar -C '" + rootfs + "' -c . | " + String.join(" ", importCommand.stream()
                .map(a -> "'" + a + "'").toList());
        ok(cwd, 120, "sh", "-c", cmd);
    }

    /** cgroup directories (any hierarchy, at most four levels down) whose name contains the id. */
    static List<Path> cgroupDirs(String id) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(id)
                    && Files.isDirectory(p)).forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            // a cgroup removed while walking: look again
            return cgroupDirs(id);
        }
        return found;
    }

    /** Unmounts whatever is still mounted under dir (deepest first), then removes it. */
    static void removeScratch(Path dir) {
        try {
            List<String> points = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String point = line.split(" ")[4].replace("\\040", " ");
                if (Path.of(point).startsWith(dir)) {
                    points.add(point);
                }
            }
            points.sort(Comparator.comparingInt(String::length).reversed());
            for (String p : points) {
                run(Path.of("/"), 30, "umount", "-l", p);
            }
            run(Path.of("/"), 120, "rm", "-rf", "--one-file-system", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

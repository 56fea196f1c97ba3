package dev.hull.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a container left nothing behind: its state directory and its cgroup
 * directories (a cgroup can only be removed once no process is left in it).
 */
public final class Leftovers {

    private Leftovers() {
    }

    public static void assertNone(String id) {
        assertThat(Cli.ROOT.resolve(id)).as("state directory of " + id).doesNotExist();
        assertThat(cgroupDirs(id)).as("cgroup directories of " + id).isEmpty();
    }

    /** Default cgroup path is /ID in every hierarchy. */
    public static List<Path> cgroupDirs(String id) {
        List<Path> found = new ArrayList<>();
        try (var s = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : s.toList()) {
                if (Files.isDirectory(h.resolve(id))) {
                    found.add(h.resolve(id));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(Path.of("/sys/fs/cgroup", id))) {
            found.add(Path.of("/sys/fs/cgroup", id));
        }
        return found;
    }
}

package dev.hull.runtime.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the mount that holds a path, as runc's {@code getParentMount} does: the
 * rootfs is often a plain directory, and a propagation change must name a mount
 * point (the kernel answers EINVAL for any other path).
 */
public final class MountPoints {

    private MountPoints() {
    }

    /**
     * The mount point holding {@code path} in this process's mount namespace (which a new
     * container mount namespace copies); {@code path} itself when mountinfo cannot be read.
     */
    public static Path holding(Path path) {
        try {
            return holding(path, parse(Files.readAllLines(Path.of("/proc/self/mountinfo"))));
        } catch (IOException | RuntimeException e) {
            return path;
        }
    }

    /** The longest of {@code mountPoints} that is {@code path} or one of its ancestors; "/" if none is. */
    public static Path holding(Path path, Collection<Path> mountPoints) {
        Path best = Path.of("/");
        for (Path m : mountPoints) {
            if (path.startsWith(m) && m.getNameCount() > best.getNameCount()) {
                best = m;
            }
        }
        return best;
    }

    /** The mount points (field 5) of mountinfo lines. */
    public static List<Path> parse(List<String> mountinfo) {
        List<Path> out = new ArrayList<>();
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                out.add(Path.of(unescape(f[4])));
            }
        }
        return out;
    }

    /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

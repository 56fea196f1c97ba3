package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns linux.cgroupsPath into a path relative to each hierarchy's root, as runc's
 * cgroupfs driver does: absolute paths are taken as they are, relative ones are
 * placed below the runtime's own cgroup, and the systemd form
 * {@code slice:prefix:name} is mapped onto cgroupfs (systemd does not run here).
 */
public final class CgroupPaths {

    private CgroupPaths() {
    }

    public static String resolve(String cgroupsPath, String id, boolean systemdForm) {
        if (cgroupsPath == null || cgroupsPath.isEmpty()) {
            return systemdForm ? "/system.slice/hull-" + id + ".scope" : "/" + id;
        }
        if (systemdForm || isSystemdForm(cgroupsPath)) {
            return fromSystemd(cgroupsPath);
        }
        String clean = Path.of(cgroupsPath).normalize().toString();
        if (clean.contains("..")) {
            throw new ContainerException("linux.cgroupsPath \"" + cgroupsPath + "\" must not contain \"..\"");
        }
        if (clean.startsWith("/")) {
            return clean;
        }
        return Path.of(ownCgroup()).resolve(clean).normalize().toString();
    }

    private static boolean isSystemdForm(String p) {
        return !p.startsWith("/") && p.split(":", -1).length == 3;
    }

    /** "machine-a.slice:hull:ctr" -> "/machine.slice/machine-a.slice/hull-ctr.scope". */
    static String fromSystemd(String p) {
        String[] parts = p.split(":", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new ContainerException("linux.cgroupsPath \"" + p
                    + "\": expected the systemd form slice:prefix:name");
        }
        String slice = parts[0].isEmpty() ? "system.slice" : parts[0];
        if (!slice.endsWith(".slice") || slice.contains("/")) {
            throw new ContainerException("linux.cgroupsPath \"" + p + "\": \"" + slice + "\" is not a slice name");
        }
        StringBuilder path = new StringBuilder();
        String base = slice.substring(0, slice.length() - ".slice".length());
        if (!base.equals("-")) {
            String[] words = base.split("-");
            String prefix = "";
            for (String w : words) {
                if (w.isEmpty()) {
                    throw new ContainerException("linux.cgroupsPath \"" + p + "\": invalid slice name " + slice);
                }
                prefix = prefix.isEmpty() ? w : prefix + "-" + w;
                path.append('/').append(prefix).append(".slice");
            }
        }
        String unit = parts[2].endsWith(".slice") ? parts[2]
                : (parts[1].isEmpty() ? "" : parts[1] + "-") + parts[2] + ".scope";
        return path + "/" + unit;
    }

    /** The runtime's own cgroup path (the v2 line, or the first v1 line). */
    private static String ownCgroup() {
        try {
            String fallback = "/";
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && f[0].equals("0")) {
                    return f[2];
                }
                if (f.length == 3 && fallback.equals("/")) {
                    fallback = f[2];
                }
            }
            return fallback;
        } catch (IOException e) {
            return "/";
        }
    }
}

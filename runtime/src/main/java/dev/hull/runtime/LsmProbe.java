package dev.hull.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which Linux security modules are active on this host. */
public final class LsmProbe {

    private LsmProbe() {
    }

    public static boolean apparmor() {
        try {
            Path p = Path.of("/sys/module/apparmor/parameters/enabled");
            return Files.exists(p) && Files.readString(p).trim().equals("Y")
                    && Files.isDirectory(Path.of("/sys/kernel/security/apparmor"));
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean selinux() {
        return Files.exists(Path.of("/sys/fs/selinux/enforce"));
    }
}

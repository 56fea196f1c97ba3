package dev.hull.engine.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A root filesystem of Debian's busybox-static: /bin/busybox, its applets, passwd and group. */
final class BusyboxRootfs {

    private BusyboxRootfs() {
    }

    static Path make(Path dir) throws IOException, InterruptedException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("/bin/busybox is missing: install busybox-static (bin/test does)");
        }
        Files.createDirectories(dir.resolve("bin"));
        for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "root")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.setPosixFilePermissions(dir.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxrwxrwx"));
        Files.copy(busybox, dir.resolve("bin/busybox"));
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        for (String applet : new String(p.getInputStream().readAllBytes()).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(dir.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        p.waitFor();
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        return dir;
    }
}

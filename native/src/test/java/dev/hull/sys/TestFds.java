package dev.hull.sys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers shared by the tests. */
final class TestFds {
    private TestFds() {}

    /** Reads until end of file. */
    static String readAll(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = Libc.read(fd, buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Whether fd is close-on-exec, from the octal "flags:" line of /proc/self/fdinfo. */
    static boolean isCloexec(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    int flags = Integer.parseInt(line.substring(6).trim(), 8);
                    return (flags & OpenFlags.O_CLOEXEC) != 0;
                }
            }
            throw new IllegalStateException("no flags line for fd " + fd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

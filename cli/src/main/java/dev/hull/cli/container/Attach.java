package dev.hull.cli.container;

import dev.hull.runtime.monitor.AttachConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Relays a container's output from its monitor to this process's stdout and stderr,
 * and (with -i) this process's stdin to the container, until the container exits.
 */
final class Attach {

    private Attach() {
    }

    /** Returns the container's exit code, or -1 if the monitor went away without one. */
    static int relay(AttachConnection c, boolean stdin) throws IOException {
        if (stdin) {
            Thread pump = Thread.ofVirtual().start(() -> pumpStdin(c, System.in));
            pump.setName("stdin");
        }
        OutputStream out = System.out;
        OutputStream err = System.err;
        while (true) {
            switch (c.next()) {
                case AttachConnection.Output o -> {
                    OutputStream s = o.stream() == 2 ? err : out;
                    s.write(o.data());
                    s.flush();
                }
                case AttachConnection.Exited e -> {
                    return e.exitCode();
                }
                case AttachConnection.Closed closed -> {
                    return -1;
                }
            }
        }
    }

    private static void pumpStdin(AttachConnection c, InputStream in) {
        byte[] buf = new byte[16384];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                c.stdin(buf, 0, n);
            }
            c.closeStdin();
        } catch (IOException | RuntimeException e) {
            // the container exited and the monitor closed the connection
        }
    }
}

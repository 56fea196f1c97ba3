package dev.hull.cli.container;

import dev.hull.runtime.monitor.AttachConnection;
import dev.hull.sys.Terminal;
import sun.misc.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An attached session with a container through its monitor: output to this
 * process's stdout/stderr, stdin (with -i) to the container. With a container
 * terminal and a terminal here, this terminal goes raw for the session (and back
 * after), its size is passed on at the start and on every SIGWINCH, and the detach
 * keys (docker's ctrl-p ctrl-q) leave the container running.
 */
final class Session {

    /** docker's default --detach-keys: ctrl-p, ctrl-q. */
    static final byte[] DETACH_KEYS = {0x10, 0x11};

    private Session() {
    }

    /** Returns the container's exit code; 0 after a detach; -1 if the monitor went away without one. */
    static int attach(AttachConnection c, boolean stdin, boolean tty) throws IOException {
        boolean local = tty && Terminal.isTerminal(0);
        byte[] saved = local ? Terminal.makeRaw(0) : null;
        try {
            if (local) {
                resize(c);
                Signal.handle(new Signal("WINCH"), s -> resize(c));
            }
            if (stdin) {
                Thread.ofVirtual().name("stdin").start(() -> pump(c, System.in, tty, saved));
            }
            return relay(c);
        } finally {
            if (saved != null) {
                Terminal.restore(0, saved);
            }
        }
    }

    private static int relay(AttachConnection c) throws IOException {
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

    /** {rows, cols} of this process's terminal, or null when stdin is not one. */
    static int[] terminalSize() {
        try {
            return Terminal.isTerminal(0) ? Terminal.size(0) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void resize(AttachConnection c) {
        try {
            int[] rc = Terminal.size(0);
            c.resize(rc[0], rc[1]);
        } catch (RuntimeException e) {
            // not a terminal any more, or the session ended
        }
    }

    private static void pump(AttachConnection c, InputStream in, boolean tty, byte[] savedTerminal) {
        byte[] buf = new byte[16384];
        int matched = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (tty) {
                    for (int i = 0; i < n; i++) {
                        matched = buf[i] == DETACH_KEYS[matched] ? matched + 1 : buf[i] == DETACH_KEYS[0] ? 1 : 0;
                        if (matched == DETACH_KEYS.length) {
                            // the container goes on; this command is done
                            if (savedTerminal != null) {
                                Terminal.restore(0, savedTerminal);
                            }
                            System.out.flush();
                            Runtime.getRuntime().halt(0);
                        }
                    }
                }
                c.stdin(buf, 0, n);
            }
            c.closeStdin();
        } catch (IOException | RuntimeException e) {
            // the container exited and the monitor closed the connection
        }
    }
}

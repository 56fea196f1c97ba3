package dev.hull.runtime.it;

import dev.hull.sys.Libc;
import dev.hull.sys.ReceivedFd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** process.terminal: the pty master arrives on the console socket, sized as configured. */
class ConsoleIT {

    @TempDir
    Path tmp;

    @Test
    void terminalMasterIsSentOverTheConsoleSocket() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "tty; stty size; test -t 0 && echo STDIN_IS_TTY");
        b.process().put("terminal", true);
        b.process().putObject("consoleSize").put("height", 33).put("width", 120);
        b.write();
        String id = "console-" + ProcessHandle.current().pid();
        String socket = tmp.resolve("console.sock").toString();
        int listener = Libc.unixListen(socket);
        try {
            CompletableFuture<Cli.Result> create = CompletableFuture.supplyAsync(() ->
                    Cli.run(tmp, "create", "--bundle", b.dir.toString(), "--console-socket", socket, id));
            int conn = Libc.accept(listener);
            ReceivedFd master = Libc.recvFd(conn);
            Libc.close(conn);
            assertThat(master.fd()).isNotNegative();
            assertThat(new String(master.payload(), StandardCharsets.UTF_8)).startsWith("/dev/pts/");
            Cli.Result created = create.join();
            assertThat(created.exit()).as(created.toString()).isZero();
            Cli.ok(tmp, "start", id);

            StringBuilder out = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!out.toString().contains("STDIN_IS_TTY")) {
                int n;
                try {
                    n = Libc.read(master.fd(), buf, 0, buf.length);
                } catch (RuntimeException eio) {
                    break; // EIO once the slave side is closed
                }
                if (n <= 0) {
                    break;
                }
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            Libc.close(master.fd());
            assertThat(out.toString()).contains("/dev/pts/0").contains("33 120").contains("STDIN_IS_TTY");
        } finally {
            Libc.close(listener);
            Cli.run(tmp, "delete", "--force", id);
        }
        Leftovers.assertNone(id);
    }

    @Test
    void terminalWithoutConsoleSocketIsRefused() {
        TestBundle b = TestBundle.sh(tmp, "true");
        b.process().put("terminal", true);
        b.write();
        String id = "console-none-" + ProcessHandle.current().pid();
        Cli.Result r = Cli.run(tmp, "create", "--bundle", b.dir.toString(), id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("console");
        Leftovers.assertNone(id);
    }
}

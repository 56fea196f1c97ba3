package dev.hull.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hull.sys.TestFds.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void mkfifoTwiceIsEexist() {
        String fifo = dir.resolve("exec.fifo").toString();
        Libc.mkfifo(fifo, 0600);
        assertThat(Files.isRegularFile(Path.of(fifo))).isFalse();
        assertThat(Files.exists(Path.of(fifo))).isTrue();

        assertThatThrownBy(() -> Libc.mkfifo(fifo, 0600))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                    assertThat(e.call()).isEqualTo("mkfifo(\"" + fifo + "\", 0600)");
                })
                .hasMessage("mkfifo(\"" + fifo + "\", 0600): File exists");
    }

    @Test
    void openMissingFileNamesPathAndError() {
        String missing = dir.resolve("nope").toString();
        assertThatThrownBy(() -> Libc.open(missing, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                .hasMessageContaining(missing)
                .hasMessageEndingWith(": No such file or directory")
                .hasMessageStartingWith("open(\"" + missing + "\", O_RDONLY|O_CLOEXEC)");
    }

    @Test
    void openCreateWriteAndReadBack() {
        String file = dir.resolve("f").toString();
        int fd = Libc.open(file, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_CLOEXEC, 0640);
        Libc.writeFully(fd, bytes("xhello worldx"), 1, 11);
        Libc.close(fd);

        fd = Libc.open(file, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        assertThat(TestFds.isCloexec(fd)).isTrue();
        assertThat(TestFds.readAll(fd)).isEqualTo("hello world");
        Libc.close(fd);

        assertThatThrownBy(() -> Libc.open(file, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0640))
                .hasMessage("open(\"" + file + "\", O_WRONLY|O_CREAT|O_EXCL, 0640): File exists");
    }

    @Test
    void oDirectoryMatchesThisArchitecture() {
        // Catches a wrong O_DIRECTORY value: the kernel would accept a regular file.
        Path regular = dir.resolve("regular");
        assertThatThrownBy(() -> {
            Files.writeString(regular, "x");
            Libc.open(regular.toString(), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
        }).isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTDIR));
    }

    @Test
    void closeOfABadFdIsEbadf() {
        int[] pipe = Libc.pipe();
        Libc.close(pipe[0]);
        Libc.close(pipe[1]);
        assertThatThrownBy(() -> Libc.close(pipe[0]))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF))
                .hasMessage("close(" + pipe[0] + "): Bad file descriptor");
        Libc.closeQuietly(pipe[0]); // must not throw
    }

    @Test
    void readHonoursOffsetAndLength() {
        int[] pipe = Libc.pipe();
        Libc.writeFully(pipe[1], bytes("abcdef"));
        byte[] buf = "........".getBytes();
        assertThat(Libc.read(pipe[0], buf, 2, 3)).isEqualTo(3);
        assertThat(new String(buf)).isEqualTo("..abc...");
        Libc.close(pipe[0]);
        Libc.close(pipe[1]);
        assertThatThrownBy(() -> Libc.read(0, buf, 6, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void errnoDescriptions() {
        assertThat(Errno.describe(Errno.ENOENT)).isEqualTo("No such file or directory");
        assertThat(Errno.describe(Errno.EEXIST)).isEqualTo("File exists");
        assertThat(Errno.describe(Errno.ESRCH)).isEqualTo("No such process");
        assertThat(new SyscallException("x(1)", Errno.EPERM))
                .hasMessage("x(1): Operation not permitted")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void pathWithNulIsRefused() {
        assertThatThrownBy(() -> Libc.open("/etc/passwd\0x", OpenFlags.O_RDONLY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes limit values into cgroup files, naming the config key and value in every
 * error. For an update it first remembers what each file held, so that {@link #undo}
 * can put a running container's old limits back when a later write fails.
 */
final class LimitWriter {

    private record Undo(Path file, String value) {
    }

    private final boolean remember;
    private final Deque<Undo> undo = new ArrayDeque<>();

    private LimitWriter(boolean remember) {
        this.remember = remember;
    }

    /** For a fresh cgroup: nothing to put back, the cgroup is removed on failure. */
    static LimitWriter forCreate() {
        return new LimitWriter(false);
    }

    /** For a running container: every write can be undone. */
    static LimitWriter forUpdate() {
        return new LimitWriter(true);
    }

    /** True for an update, whose writes can be undone. */
    boolean remembers() {
        return remember;
    }

    /** Writes {@code value} to {@code file}; on undo the file's current content is written back. */
    void write(String key, String value, Path file) {
        write(key, value, file, null);
    }

    /**
     * Writes {@code value} to {@code file}; on undo {@code undoValue} is written back
     * (for files whose content is not itself a valid write, such as per-device lists).
     * A null {@code undoValue} means the file's current content.
     */
    void write(String key, String value, Path file, String undoValue) {
        write(key, value, value, file, undoValue);
    }

    /**
     * Writes {@code fileValue}, the kernel's form of the config's {@code configValue}
     * (e.g. memory.swap.max, which is swap alone where the config counts memory+swap).
     * Errors name the config key and value, and the written value when it differs.
     */
    void write(String key, String configValue, String fileValue, Path file, String undoValue) {
        String what = key + " " + configValue;
        if (!Files.exists(file)) {
            throw new ContainerException(what + ": this kernel has no " + file.getFileName());
        }
        String old = undoValue;
        if (remember && old == null) {
            try {
                old = Files.readString(file).trim();
            } catch (IOException e) {
                throw new ContainerException(what + ": read " + file + ": " + reason(e), e);
            }
        }
        try {
            Files.writeString(file, fileValue);
        } catch (IOException e) {
            String written = fileValue.equals(configValue) ? "" : " \"" + fileValue + "\"";
            throw new ContainerException(what + ": write" + written + " to " + file + ": " + reason(e), e);
        }
        if (remember) { // only now: a failed write changed nothing, there is nothing to put back
            undo.push(new Undo(file, old));
        }
    }

    /** The errno text; a FileSystemException's message repeats the path the caller already names. */
    private static String reason(IOException e) {
        return switch (e) {
            case FileSystemException f when f.getReason() != null -> f.getReason();
            case AccessDeniedException a -> "Permission denied";
            case NoSuchFileException n -> "No such file or directory";
            default -> e.getMessage();
        };
    }

    /**
     * Writes back the remembered values, newest first. A value that cannot be restored
     * is skipped: the others still go back, and the caller reports the original error.
     */
    void undo() {
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            // a file listing one entry per line (io.max, blkio.throttle.*) takes one entry
            // per write; an empty value goes back as a newline, since writing nothing never
            // reaches the kernel (an empty cpuset.cpus)
            for (String line : u.value().isEmpty() ? new String[] {"\n"} : u.value().split("\n")) {
                try {
                    Files.writeString(u.file(), line);
                } catch (IOException ignored) {
                    // e.g. memory.limit_in_bytes below the usage the container has grown to since
                }
            }
        }
    }
}

package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
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
        if (!Files.exists(file)) {
            throw new ContainerException(key + " " + value + ": this kernel has no " + file.getFileName());
        }
        try {
            Undo before = remember ? new Undo(file, undoValue != null ? undoValue : Files.readString(file).trim()) : null;
            Files.writeString(file, value);
            if (before != null) {
                undo.push(before);
            }
        } catch (IOException e) {
            throw new ContainerException(key + " " + value + ": write to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes back the remembered values, newest first. A value that cannot be restored
     * is skipped: the others still go back, and the caller reports the original error.
     */
    void undo() {
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            try {
                Files.writeString(u.file(), u.value());
            } catch (IOException ignored) {
                // e.g. memory.limit_in_bytes below the usage the container has grown to since
            }
        }
    }
}

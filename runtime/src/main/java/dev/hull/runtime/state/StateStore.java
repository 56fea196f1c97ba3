package dev.hull.runtime.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Container state directories under the runtime root (default /run/hull-runtime):
 * {@code ROOT/ID/state.json}, the start fifo {@code exec.fifo}, a copy of the
 * container's {@code config.json}, and a {@code lock} file that serializes
 * operations on one container.
 */
public final class StateStore {

    private static final Pattern ID = Pattern.compile("^[\\w+\\-.]+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public static void checkId(String id) {
        if (id == null || id.isEmpty() || !ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new ContainerException("invalid container id \"" + id
                    + "\": use letters, digits, '_', '+', '-' and '.'");
        }
    }

    public Path dir(String id) {
        checkId(id);
        return root.resolve(id);
    }

    public Path startFifo(String id) {
        return dir(id).resolve("exec.fifo");
    }

    public Path config(String id) {
        return dir(id).resolve("config.json");
    }

    /** Makes the container's directory; the mkdir is what makes two creates of one id exclusive. */
    public Path create(String id) {
        Path d = dir(id);
        try {
            Files.createDirectories(root);
            Files.createDirectory(d);
            return d;
        } catch (FileAlreadyExistsException e) {
            throw new ContainerException("container \"" + id + "\" already exists");
        } catch (IOException e) {
            throw new ContainerException("create state directory " + d + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String id) {
        return Files.isDirectory(dir(id));
    }

    public Optional<ContainerRecord> read(String id) {
        Path f = dir(id).resolve("state.json");
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(f), ContainerRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ContainerException("read state of container \"" + id + "\" (" + f + "): " + e.getMessage(), e);
        }
    }

    /** Loads a container that must exist, with runc's wording when it does not. */
    public ContainerRecord load(String id) {
        return read(id).orElseThrow(() -> new ContainerException("container \"" + id + "\" does not exist"));
    }

    /** Writes state.json atomically (temporary file, then rename). */
    public void write(ContainerRecord record) {
        Path d = dir(record.id());
        Path tmp = d.resolve("state.json.tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(record));
            try {
                Files.move(tmp, d.resolve("state.json"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, d.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ContainerException("write state of container \"" + record.id() + "\": " + e.getMessage(), e);
        }
    }

    /** Ids of all containers with a state directory, sorted. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                if (Files.isDirectory(p) && ID.matcher(p.getFileName().toString()).matches()) {
                    ids.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * Takes the container's lock (blocking). Callers re-read the state after locking,
     * because the container may have been deleted while they waited.
     */
    public Lock lock(String id) {
        Path f = dir(id).resolve("lock");
        try {
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(ch, ch.lock());
        } catch (NoSuchFileException e) {
            throw new ContainerException("container \"" + id + "\" does not exist");
        } catch (IOException e) {
            throw new ContainerException("lock container \"" + id + "\": " + e.getMessage(), e);
        }
    }

    /** Removes the container's state directory and everything in it. */
    public void remove(String id) {
        Path d = dir(id);
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(d)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new ContainerException("remove state directory " + d + ": " + e.getMessage(), e);
        }
    }

    /** A held container lock. */
    public record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to undo
            }
        }
    }
}

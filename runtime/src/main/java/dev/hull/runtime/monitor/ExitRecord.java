package dev.hull.runtime.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What hull-monitor records when a container's init exits ({@code exit.json}):
 * the exit code as a shell reports it (128 + signal when killed), the signal, and
 * when. The monitor replaces the file atomically, so it is either absent or whole.
 */
public record ExitRecord(int exitCode, int signal, Instant finishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record in {@code file}, or empty while the container has not exited. */
    public static Optional<ExitRecord> read(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new ExitRecord(n.path("exitCode").asInt(), n.path("signal").asInt(),
                    Instant.parse(n.path("finishedAt").asText())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("read " + file + ": " + e.getMessage(), e);
        }
    }
}

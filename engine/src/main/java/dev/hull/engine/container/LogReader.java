package dev.hull.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a container's json-file log (and its rotated files, oldest first) for
 * {@code logs}: --since/--until by entry time, --tail, and --follow (new entries
 * until the container has exited and the log is read to its end).
 */
public final class LogReader {

    /** One line of output. */
    public record Entry(Instant time, String stream, String text) {
    }

    public record Options(Instant since, Instant until, int tail, boolean follow) {
        public static final Options ALL = new Options(null, null, -1, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogReader() {
    }

    /**
     * @param stillRunning polled while following: false once the container has exited
     */
    public static void read(Path log, Options o, BooleanSupplier stillRunning, Consumer<Entry> out)
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            Path rotated = log.resolveSibling(log.getFileName() + "." + i);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        Deque<Entry> tail = new ArrayDeque<>();
        Consumer<Entry> sink = o.tail() >= 0 ? e -> {
            tail.addLast(e);
            if (tail.size() > o.tail()) {
                tail.removeFirst();
            }
        } : out;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                lines(r, o, sink);
            }
        }
        if (!Files.exists(log)) {
            tail.forEach(out);
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            lines(r, o, sink);
            tail.forEach(out);
            while (o.follow()) {
                boolean running = stillRunning.getAsBoolean();
                lines(r, o, out);
                if (!running) {
                    return; // read once more after the exit was seen: nothing written before it is lost
                }
                sleep();
            }
        }
    }

    private static void lines(BufferedReader r, Options o, Consumer<Entry> out) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            Entry e = new Entry(Instant.parse(n.path("time").asText()), n.path("stream").asText(),
                    n.path("log").asText());
            if ((o.since() == null || !e.time().isBefore(o.since())) && (o.until() == null
                    || e.time().isBefore(o.until()))) {
                out.accept(e);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.hull.image.content;

import dev.hull.image.oci.Digest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM working on the same content store, driven line by line over stdin and
 * stdout, so tests can hold it at a chosen point while this JVM acts.
 *
 * <ul>
 *   <li>{@code ingest ROOT DIGEST DATAFILE}: opens an ingest, prints {@code OPEN present},
 *       waits for a line, writes and commits, prints {@code DONE}</li>
 *   <li>{@code lease ROOT}: takes a lease, prints {@code LEASED}, waits for a line</li>
 * </ul>
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private ChildProcess(List<String> args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildProcess.class.getName()));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ChildProcess start(String... args) throws IOException {
        return new ChildProcess(List.of(args));
    }

    String readLine() throws IOException {
        String l = out.readLine();
        if (l == null) {
            throw new IOException("child exited early");
        }
        return l;
    }

    void proceed() throws IOException {
        in.write("go\n");
        in.flush();
    }

    int waitFor(Duration d) throws InterruptedException {
        if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    public static void main(String[] args) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        FileContentStore store = new FileContentStore(Path.of(args[1]));
        switch (args[0]) {
            case "ingest" -> {
                byte[] data = Files.readAllBytes(Path.of(args[3]));
                try (Ingest w = store.ingest(Digest.parse(args[2]), data.length)) {
                    System.out.println("OPEN " + w.alreadyPresent());
                    System.out.flush();
                    stdin.readLine();
                    if (!w.alreadyPresent()) {
                        w.write(data);
                    }
                    w.commit();
                }
                System.out.println("DONE");
            }
            case "lease" -> {
                try (Lease l = store.lease()) {
                    System.out.println("LEASED");
                    System.out.flush();
                    stdin.readLine();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}

package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The --log file. containerd and conmon read the last error from it, in runc's
 * json shape ({"level":"error","msg":"...","time":"..."}) or as text.
 */
final class LogFile {

    private final Path path;
    private final boolean json;

    LogFile(Path path, String format) {
        this.path = path;
        this.json = "json".equals(format);
    }

    void error(String msg) {
        write("error", msg);
    }

    void write(String level, String msg) {
        if (path == null) {
            return;
        }
        String line;
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("level", level);
            n.put("msg", msg);
            n.put("time", Instant.now().toString());
            line = n + "\n";
        } else {
            line = "time=\"" + Instant.now() + "\" level=" + level + " msg=\"" + msg.replace("\"", "\\\"") + "\"\n";
        }
        try {
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the error is already on stderr
        }
    }
}

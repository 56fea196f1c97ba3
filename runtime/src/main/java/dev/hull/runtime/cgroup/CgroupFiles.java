package dev.hull.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the shapes cgroup files come in, for stats: a single number ("max" and
 * missing files read as 0 so a host without a controller gives zeros, not errors),
 * space-separated numbers, and "key value" lines.
 */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static long number(Path file) {
        String s = read(file);
        if (s.isEmpty() || s.equals("max")) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<Long> numbers(Path file) {
        List<Long> out = new ArrayList<>();
        for (String w : read(file).split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(parse(w));
            }
        }
        return out;
    }

    /** "key value" lines, in file order. */
    static Map<String, Long> keyed(Path file) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2) {
                out.put(kv[0], parse(kv[1]));
            }
        }
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return ""; // a cgroup removed while it is read: its usage is gone too
        }
    }

    private static long parse(String w) {
        try {
            return Long.parseLong(w);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

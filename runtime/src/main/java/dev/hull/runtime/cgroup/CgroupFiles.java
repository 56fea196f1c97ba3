package dev.hull.runtime.cgroup;

import dev.hull.runtime.ContainerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.Set;

/**
 * Reading the small text files of a cgroup directory. A file that is not there reads as
 * absent, not as an error. The stats readers ({@link #text}, {@link #number},
 * {@link #numbers}, {@link #keyed}) never fail: a host without a controller, or a
 * cgroup removed while it is read, gives zeros.
 */
final class CgroupFiles {

    private CgroupFiles() {
    }

    /** The file's content without the trailing newline, or null when there is no such file. */
    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ContainerException("read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The space-separated words of a file such as cgroup.controllers; empty when there is no file. */
    static Set<String> words(Path file) {
        String s = read(file);
        Set<String> words = new LinkedHashSet<>();
        if (s != null) {
            for (String w : s.split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    /** Lines keyed by their first word ("8:0 rbps=max ..." under "8:0"); empty when there is no file. */
    static Map<String, String> linesByFirstWord(Path file) {
        String s = read(file);
        Map<String, String> lines = new LinkedHashMap<>();
        if (s != null) {
            for (String line : s.split("\n")) {
                String t = line.strip();
                if (!t.isEmpty()) {
                    lines.put(t.split("\\s+", 2)[0], t);
                }
            }
        }
        return lines;
    }

    /** The file's content, or "" when it is missing or cannot be read. */
    static String text(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** A single number; "max", missing and unparsable files read as 0. */
    static long number(Path file) {
        return parse(text(file));
    }

    /** Space-separated numbers (cpuacct.usage_percpu). */
    static List<Long> numbers(Path file) {
        List<Long> out = new ArrayList<>();
        for (String w : text(file).split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(parse(w));
            }
        }
        return out;
    }

    /** "key value" lines (memory.stat, cpu.stat), in file order; a value that is no number reads 0. */
    static Map<String, Long> keyed(Path file) {
        return keyed(file, CgroupFiles::parse);
    }

    /** "key value" lines in file order, each value read by {@code value}; empty when there is no file. */
    static Map<String, Long> keyed(Path file, ToLongFunction<String> value) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text(file).split("\n")) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2) {
                out.put(kv[0], value.applyAsLong(kv[1]));
            }
        }
        return out;
    }

    private static long parse(String w) {
        try {
            return Long.parseLong(w);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.hull.runtime.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as runc's and docker's flags take them: "1024", "512k", "64m",
 * "1.5g", "2GiB", "100 MB"; the suffixes are powers of 1024.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$");

    private ByteSize() {
    }

    public static long parse(String flag, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid value for " + flag + ": \"" + text
                    + "\" is not a size (examples: 1048576, 512k, 64m, 1g)");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("kmgtp".indexOf(m.group(2)) + 1);
        double v = Double.parseDouble(m.group(1)) * Math.pow(2, shift);
        if (v >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid value for " + flag + ": \"" + text + "\" is too large");
        }
        return (long) v;
    }
}

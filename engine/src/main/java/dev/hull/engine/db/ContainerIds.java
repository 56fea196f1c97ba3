package dev.hull.engine.db;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Container IDs: 32 random bytes in lower-case hex, as docker makes them. */
public final class ContainerIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FULL = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ContainerIds() {
    }

    public static String random() {
        byte[] b = new byte[32];
        while (true) {
            RANDOM.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            // a short ID of digits only reads as a number (and is parsed as one by YAML
            // and shells' arithmetic), so such IDs are drawn again
            if (!DIGITS.matcher(id.substring(0, 12)).matches()) {
                return id;
            }
        }
    }

    public static boolean isFull(String s) {
        return FULL.matcher(s).matches();
    }

    /** True if {@code s} could begin an ID: only then is it worth a prefix search. */
    public static boolean isPrefix(String s) {
        return PREFIX.matcher(s).matches();
    }
}

package dev.hull.sys;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags for {@link Libc#open}.
 *
 * <p>Most values are the same on every Linux architecture, but O_DIRECTORY and O_NOFOLLOW
 * differ between x86_64 (generic values) and aarch64, so those two are chosen at run time
 * and are not compile-time constants (they cannot be {@code case} labels).
 */
public final class OpenFlags {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    private OpenFlags() {}

    /** The flags as in C source, e.g. {@code O_WRONLY|O_CREAT|O_CLOEXEC}; unknown bits in hex. */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        names.add(switch (flags & 03) {
            case O_WRONLY -> "O_WRONLY";
            case O_RDWR -> "O_RDWR";
            case O_RDONLY -> "O_RDONLY";
            default -> "O_ACCMODE";
        });
        int rest = flags & ~03;
        int[] bits = {O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
                O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_PATH};
        String[] bitNames = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK",
                "O_DIRECTORY", "O_NOFOLLOW", "O_CLOEXEC", "O_PATH"};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                names.add(bitNames[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            names.add("0x" + Integer.toHexString(rest));
        }
        return String.join("|", names);
    }
}

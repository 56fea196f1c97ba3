package dev.hull.cli;

import java.util.Locale;

/** Sizes as docker prints them (go-units HumanSize): decimal units, 3 significant digits: "4.26MB". */
public final class HumanSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private HumanSize() {
    }

    public static String of(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + UNITS[u];
    }
}

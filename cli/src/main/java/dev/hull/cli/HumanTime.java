package dev.hull.cli;

import java.time.Duration;

/** Durations the way docker prints them (go-units HumanDuration): "5 seconds", "About a minute", "3 weeks". */
public final class HumanTime {

    private HumanTime() {
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 1) {
            return "Less than a second";
        }
        if (s == 1) {
            return "1 second";
        }
        if (s < 60) {
            return s + " seconds";
        }
        long m = s / 60;
        if (m == 1) {
            return "About a minute";
        }
        if (m < 60) {
            return m + " minutes";
        }
        long h = Math.round(s / 3600.0);
        if (h == 1) {
            return "About an hour";
        }
        if (h < 48) {
            return h + " hours";
        }
        if (h < 24 * 7 * 2) {
            return h / 24 + " days";
        }
        if (h < 24 * 30 * 2) {
            return h / 24 / 7 + " weeks";
        }
        if (h < 24 * 365 * 2) {
            return h / 24 / 30 + " months";
        }
        return h / 24 / 365 + " years";
    }

    public static String ago(Duration d) {
        return duration(d) + " ago";
    }
}

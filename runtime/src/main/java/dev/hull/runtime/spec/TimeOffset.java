package dev.hull.runtime.spec;

/** One {@code linux.timeOffsets} entry ("monotonic" or "boottime"). */
public record TimeOffset(long secs, long nanosecs) {
}

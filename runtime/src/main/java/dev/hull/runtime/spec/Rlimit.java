package dev.hull.runtime.spec;

/**
 * One {@code process.rlimits} entry. {@code hard} and {@code soft} are unsigned 64-bit
 * values held in a long: -1 is 18446744073709551615, RLIM_INFINITY.
 */
public record Rlimit(String type, long hard, long soft) {
}

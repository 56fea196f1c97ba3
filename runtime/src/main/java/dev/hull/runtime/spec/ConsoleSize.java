package dev.hull.runtime.spec;

/** {@code process.consoleSize}: the terminal's size in characters. */
public record ConsoleSize(long height, long width) {
}

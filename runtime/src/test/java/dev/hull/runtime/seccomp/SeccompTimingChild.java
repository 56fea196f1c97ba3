package dev.hull.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a fresh JVM by {@link SeccompCompileTimingTest}: compiles the profile in the file given
 * as argument once cold (the first compile of the process: libseccomp loading, FFM linking, class
 * loading), then warm many times, and prints {@code key=value} lines (milliseconds).
 */
public final class SeccompTimingChild {
    private SeccompTimingChild() {}

    public static void main(String[] args) throws Exception {
        JsonNode profile = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        int warmups = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);

        long t0 = System.nanoTime();
        CompiledSeccomp first = SeccompProfileCompiler.compile(profile);
        long cold = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        SeccompProfileCompiler.compile(profile);
        long second = System.nanoTime() - t1;

        for (int i = 0; i < warmups; i++) {
            SeccompProfileCompiler.compile(profile);
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            SeccompProfileCompiler.compile(profile);
            times[i] = System.nanoTime() - s;
        }
        Arrays.sort(times);
        System.out.printf("instructions=%d%n", first.instructions());
        System.out.printf("cold_ms=%.2f%n", cold / 1e6);
        System.out.printf("second_ms=%.2f%n", second / 1e6);
        System.out.printf("warm_median_ms=%.3f%n", times[runs / 2] / 1e6);
        System.out.printf("warm_min_ms=%.3f%n", times[0] / 1e6);
        System.out.printf("warm_p90_ms=%.3f%n", times[runs * 9 / 10] / 1e6);
    }
}

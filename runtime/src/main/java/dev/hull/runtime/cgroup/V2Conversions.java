package dev.hull.runtime.cgroup;

/**
 * The OCI config's linux.resources were written for cgroup v1; these turn its values
 * into what the v2 files take. They follow runc, so a container gets the same limits
 * from either runtime. Each throws IllegalArgumentException with the reason only; the
 * caller adds the config key and value.
 */
final class V2Conversions {

    static final String UNLIMITED = "max";
    static final long DEFAULT_CPU_PERIOD = 100_000; // the kernel's cpu.max period in a new cgroup

    private V2Conversions() {
    }

    /** A byte or count limit: -1 (the v1 way to lift a limit) is "max". */
    static String limit(long value) {
        return value == -1 ? UNLIMITED : Long.toString(value);
    }

    /**
     * cpu.shares [2, 262144] (default 1024) to cpu.weight [1, 10000] (default 100), 0 for
     * unset. A quadratic curve through log2(shares) maps the two ranges' ends and their
     * defaults onto each other, so a container without shares and one with 1024 get the same
     * weight; a straight line would give 1024 shares only weight 39.
     */
    static long cpuWeight(long shares) {
        if (shares == 0) {
            return 0;
        }
        if (shares <= 2) {
            return 1;
        }
        if (shares >= 262_144) {
            return 10_000;
        }
        double l = log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (long) Math.ceil(Math.pow(10, exponent));
    }

    /** Exact for powers of two (1024 must give exactly 10, or its weight rounds up to 101). */
    private static double log2(long x) {
        if (Long.bitCount(x) == 1) {
            return Long.numberOfTrailingZeros(x);
        }
        return Math.log(x) / Math.log(2);
    }

    /** blkio.weight [10, 1000] to io.weight [1, 10000], linearly (io.bfq.weight takes the v1 value as it is). */
    static long ioWeight(long blkioWeight) {
        if (blkioWeight < 10 || blkioWeight > 1000) {
            throw new IllegalArgumentException("a block IO weight is between 10 and 1000");
        }
        return 1 + (blkioWeight - 10) * 9999 / 990;
    }

    /**
     * memory.swap.max from the config's swap, which counts memory+swap as v1's
     * memory.memsw.limit_in_bytes does, while v2 limits swap alone. Null: leave the file
     * as it is. "0" (swap equal to the memory limit) turns swap off.
     */
    static String swapMax(long swap, long memory) {
        if (memory == -1 && swap == 0) {
            return UNLIMITED; // "no memory limit" lifts the swap limit too, as on v1
        }
        if (swap == -1) {
            return UNLIMITED;
        }
        if (swap == 0) {
            return null;
        }
        if (memory == -1) {
            return Long.toString(swap); // nothing to subtract from: all of it may be swap
        }
        if (memory == 0) {
            throw new IllegalArgumentException("swap counts memory+swap, so it needs linux.resources.memory.limit"
                    + " too");
        }
        if (swap < memory) {
            throw new IllegalArgumentException("swap counts memory+swap, so it must not be below"
                    + " linux.resources.memory.limit " + memory);
        }
        return Long.toString(swap - memory);
    }

    /** A cpu.max quota: a positive number of microseconds or "max" for -1 (any negative). */
    static String cpuQuota(long quota) {
        return quota > 0 ? Long.toString(quota) : UNLIMITED;
    }

    /** A throttle rate for io.max; 0, which removed the rule on v1, is "max" here. */
    static String ioRate(String rate) {
        return rate.equals("0") ? UNLIMITED : rate;
    }
}

package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static dev.hull.runtime.cgroup.ConfigValues.bad;
import static dev.hull.runtime.cgroup.ConfigValues.uint64;
import static dev.hull.runtime.cgroup.ConfigValues.unsigned;
import static dev.hull.runtime.cgroup.V2Limits.R;

/**
 * linux.resources.blockIO on cgroup v2: weights into io.bfq.weight when the bfq scheduler
 * is loaded (it takes the v1 range 10..1000 as it is), else into io.weight converted to
 * 1..10000; throttles into io.max, one device and one kind per write. These files list
 * one line per device, so an undo writes back the device's own line, or lifts the
 * device's setting when it had none.
 */
final class V2IoLimits {

    private static final String BFQ = "io.bfq.weight";
    private static final String WEIGHT = "io.weight";
    private static final String MAX = "io.max";
    private static final String NO_THROTTLE = "rbps=max wbps=max riops=max wiops=max";

    /** Config field and io.max key, in runc's order. */
    private static final List<String[]> THROTTLES = List.of(new String[] {"throttleReadBpsDevice", "rbps"},
            new String[] {"throttleWriteBpsDevice", "wbps"}, new String[] {"throttleReadIOPSDevice", "riops"},
            new String[] {"throttleWriteIOPSDevice", "wiops"});

    private V2IoLimits() {
    }

    static void plan(V2Limits out, JsonNode b) {
        String k = R + "blockIO.";
        boolean bfq = out.exists(BFQ);
        long weight = orZero(unsigned(b.get("weight"), k + "weight"));
        if (weight != 0) {
            String file = bfq ? BFQ : WEIGHT;
            out.add(k + "weight", Long.toString(weight), file, bfq ? bfqWeight(k + "weight", weight)
                    : Long.toString(ioWeight(k + "weight", weight)), defaultLine(out, file));
        }
        // a bfq whose io.bfq.weight reads back as one number (before 5.4) has no per-device weights
        String bfqContent = bfq ? out.read(BFQ) : null;
        boolean bfqPerDevice = bfqContent != null && !bfqContent.matches("[0-9]+");
        int i = 0;
        for (JsonNode d : b.path("weightDevice")) {
            String key = k + "weightDevice[" + i++ + "]";
            String device = device(d, key);
            long w = orZero(unsigned(d.get("weight"), key + ".weight"));
            if (w == 0) {
                continue; // only a leafWeight: v2 has no leaf weights
            }
            String file = bfqPerDevice ? BFQ : WEIGHT;
            String value = bfqPerDevice ? bfqWeight(key + ".weight", w) : Long.toString(ioWeight(key + ".weight", w));
            out.add(key + ".weight", Long.toString(w), file, device + " " + value,
                    out.deviceLine(file, device, device + " default"));
        }
        for (String[] t : THROTTLES) {
            i = 0;
            for (JsonNode d : b.path(t[0])) {
                String key = k + t[0] + "[" + i++ + "]";
                String device = device(d, key);
                String rate = uint64(d.get("rate"), key + ".rate");
                if (rate == null) {
                    throw bad(key + ".rate", "(none)", "is required");
                }
                out.add(key + ".rate", rate, MAX, device + " " + t[1] + "=" + V2Conversions.ioRate(rate),
                        out.deviceLine(MAX, device, device + " " + NO_THROTTLE));
            }
        }
    }

    private static String device(JsonNode d, String key) {
        Long major = unsigned(d.get("major"), key + ".major");
        Long minor = unsigned(d.get("minor"), key + ".minor");
        if (major == null || minor == null) {
            throw bad(key, d, "needs major and minor");
        }
        return major + ":" + minor;
    }

    private static String bfqWeight(String key, long weight) {
        ioWeight(key, weight); // the same range check
        return Long.toString(weight);
    }

    private static long ioWeight(String key, long weight) {
        try {
            return V2Conversions.ioWeight(weight);
        } catch (IllegalArgumentException e) {
            throw bad(key, weight, e.getMessage());
        }
    }

    /** The default-weight line ("default 100", or a bare number from an old bfq), which a write of it restores. */
    private static String defaultLine(V2Limits out, String file) {
        String s = out.read(file);
        return s == null ? null : s.lines().findFirst().orElse(null);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}

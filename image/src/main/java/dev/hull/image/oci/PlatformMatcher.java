package dev.hull.image.oci;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses among the platforms of an index. A machine runs images of its own platform
 * and, in order of preference, of older compatible ones: arm64 runs arm/v8 down to
 * arm/v5, arm/v7 runs v6 and v5, amd64 runs 386 and amd64/v3 runs v2 and v1. The
 * matcher holds that ordered list; {@link #best} picks the entry with the earliest
 * rank, keeping the index's own order between equal ranks.
 */
public final class PlatformMatcher {

    private final Platform wanted;
    private final List<Platform> order;

    private PlatformMatcher(Platform wanted, List<Platform> order) {
        this.wanted = wanted;
        this.order = List.copyOf(order);
    }

    /** Matches {@code wanted} and the platforms it can also run. */
    public static PlatformMatcher of(Platform wanted) {
        Platform w = wanted.normalize();
        return new PlatformMatcher(w, compatible(w));
    }

    /** Matches {@code wanted} only. */
    public static PlatformMatcher strict(Platform wanted) {
        Platform w = wanted.normalize();
        return new PlatformMatcher(w, List.of(w));
    }

    /** This machine's platform and what it can run. */
    public static PlatformMatcher host() {
        return of(Platform.host());
    }

    public Platform wanted() {
        return wanted;
    }

    public boolean matches(Platform candidate) {
        return rank(candidate) >= 0;
    }

    /**
     * Lower is better; -1 when the platform does not match. A wanted platform without
     * a variant also takes any variant of its architecture, after the exact match.
     */
    public int rank(Platform candidate) {
        Platform c = candidate.normalize();
        for (int i = 0; i < order.size(); i++) {
            Platform o = order.get(i);
            if (!o.os().equals(c.os()) || !o.architecture().equals(c.architecture())) {
                continue;
            }
            if (o.variant().equals(c.variant())) {
                return 2 * i;
            }
            if (i == 0 && o.variant().isEmpty()) {
                return 2 * i + 1;
            }
        }
        return -1;
    }

    /** The best matching descriptor of an index, ignoring entries without a platform. */
    public Optional<Descriptor> best(List<Descriptor> manifests) {
        return manifests.stream()
                .filter(d -> d.platform() != null && matches(d.platform()))
                .min(Comparator.comparingInt(d -> rank(d.platform())));
    }

    /** The platforms in order of preference. */
    public List<Platform> order() {
        return order;
    }

    @Override
    public String toString() {
        return wanted.toString();
    }

    private static List<Platform> compatible(Platform w) {
        List<Platform> out = new ArrayList<>();
        out.add(w);
        switch (w.architecture()) {
            case "amd64" -> {
                int level = level(w.variant());
                for (int l = level - 1; l >= 1; l--) {
                    out.add(with(w, "amd64", l == 1 ? "" : "v" + l));
                }
                out.add(with(w, "386", ""));
            }
            case "arm64" -> {
                for (int l = 8; l >= 5; l--) {
                    out.add(with(w, "arm", "v" + l));
                }
            }
            case "arm" -> {
                for (int l = level(w.variant()) - 1; l >= 5; l--) {
                    out.add(with(w, "arm", "v" + l));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static Platform with(Platform w, String arch, String variant) {
        return new Platform(w.os(), arch, variant, w.osVersion(), w.osFeatures());
    }

    /** The number of a "vN" variant; 1 for none or for a variant that is not a number. */
    private static int level(String variant) {
        if (variant.matches("v[0-9]{1,2}")) {
            return Integer.parseInt(variant.substring(1));
        }
        return 1;
    }
}

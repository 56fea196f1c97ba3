package dev.hull.image.oci;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The platform an image runs on: the {@code platform} object of an index entry and
 * the os/architecture/variant fields of a config. Values are kept as written;
 * {@link #normalize()} maps the aliases found in the wild (x86_64, aarch64, armhf)
 * to the names the OCI image-spec uses before anything is compared.
 */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

    public Platform {
        if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
            throw new IllegalArgumentException("a platform needs an os and an architecture");
        }
        variant = variant == null ? "" : variant;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    public Platform(String os, String architecture, String variant) {
        this(os, architecture, variant, "", List.of());
    }

    public Platform(String os, String architecture) {
        this(os, architecture, "", "", List.of());
    }

    /**
     * Parses {@code os/arch[/variant]} as {@code --platform} takes it ({@code linux/arm64/v8},
     * {@code linux/amd64}). A single word is taken as an architecture on linux, or as an
     * os on this machine's architecture when it names an os ({@code linux}). The result
     * is normalised.
     */
    public static Platform parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("invalid platform \"\": expected os/arch[/variant]");
        }
        String[] parts = s.split("/", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("invalid platform \"" + s + "\": expected os/arch[/variant]");
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw new IllegalArgumentException("invalid platform \"" + s
                        + "\": each part must be letters, digits, '.', '_' or '-'");
            }
        }
        Platform p;
        if (parts.length == 1) {
            String w = parts[0].toLowerCase(Locale.ROOT);
            p = isKnownOs(w) ? new Platform(w, host().architecture(), host().variant())
                    : new Platform("linux", w);
        } else {
            p = new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
        }
        return p.normalize();
    }

    /** The platform of this machine, normalised (the JVM's os.arch uses its own names). */
    public static Platform host() {
        String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            os = "darwin";
        } else if (os.startsWith("windows")) {
            os = "windows";
        }
        String arch = System.getProperty("os.arch", "amd64");
        // a 32-bit arm JVM does not tell its variant; v7 is what armhf distributions build for
        return new Platform(os, arch, arch.equals("arm") ? "v7" : "").normalize();
    }

    /** The OCI names: amd64, arm64, 386, arm/v7...; defaults for variants that are implied. */
    public Platform normalize() {
        String o = os.toLowerCase(Locale.ROOT);
        if (o.equals("macos")) {
            o = "darwin";
        }
        String a = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (a) {
            case "i386", "i686", "x86", "x86-32" -> {
                a = "386";
                v = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                a = "amd64";
                // v1 is the baseline every amd64 machine runs; it is the same as no variant
                if (v.equals("v1") || v.equals("1")) {
                    v = "";
                }
            }
            case "aarch64", "arm64" -> {
                a = "arm64";
                // arm64 images are armv8 unless they say otherwise
                if (v.equals("8") || v.equals("v8")) {
                    v = "";
                }
            }
            case "armhf" -> {
                a = "arm";
                v = "v7";
            }
            case "armel" -> {
                a = "arm";
                v = "v6";
            }
            case "arm" -> {
                // an arm image without a variant is v7 in practice (Docker Hub's convention)
                if (v.isEmpty() || v.equals("7")) {
                    v = "v7";
                } else if (v.matches("[5-8]")) {
                    v = "v" + v;
                }
            }
            default -> {
            }
        }
        return new Platform(o, a, v, osVersion, osFeatures);
    }

    /** {@code os/arch[/variant]}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }

    private static boolean isKnownOs(String w) {
        return w.equals("linux") || w.equals("windows") || w.equals("darwin") || w.equals("freebsd");
    }
}

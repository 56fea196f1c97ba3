package dev.hull.engine.spec;

import dev.hull.runtime.spec.Capabilities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** docker's default capabilities, changed by --cap-add / --cap-drop (names with or without CAP_, or ALL). */
public final class CapabilitySet {

    /** What docker (moby's oci/caps) gives a container by default. */
    public static final List<String> DOCKER_DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private CapabilitySet() {
    }

    /** The capability set after docker's rules: drops apply first, adds win over drops of ALL. */
    public static List<String> resolve(List<String> add, List<String> drop, boolean privileged) {
        if (privileged) {
            return Capabilities.names();
        }
        List<String> adds = normalise("CapAdd", add);
        List<String> drops = normalise("CapDrop", drop);
        Set<String> caps = new LinkedHashSet<>(DOCKER_DEFAULT);
        if (drops.contains("ALL")) {
            caps.clear();
        } else {
            caps.removeAll(drops);
        }
        if (adds.contains("ALL")) {
            caps.addAll(Capabilities.names());
            caps.removeAll(drops);
        } else {
            caps.addAll(adds);
        }
        return new ArrayList<>(caps);
    }

    private static List<String> normalise(String what, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String up = n.trim().toUpperCase(Locale.ROOT);
            if (up.equals("ALL")) {
                out.add("ALL");
                continue;
            }
            String full = up.startsWith("CAP_") ? up : "CAP_" + up;
            if (Capabilities.number(full) < 0) {
                throw new FlagException("invalid " + what + ": unknown capability: \"" + full + "\"");
            }
            out.add(full);
        }
        return out;
    }
}

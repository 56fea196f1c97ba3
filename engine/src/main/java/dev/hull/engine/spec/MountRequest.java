package dev.hull.engine.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One mount a user asked for with {@code -v}, {@code --mount} or {@code --tmpfs}.
 * A bind has a host path as source, a volume a volume name (or none: an anonymous
 * volume), a tmpfs no source.
 *
 * @param options extra mount options (propagation, tmpfs size= and mode=)
 */
public record MountRequest(Type type, String source, String target, boolean readOnly, List<String> options) {

    public enum Type { BIND, VOLUME, TMPFS }

    public MountRequest {
        options = List.copyOf(options);
        if (!target.startsWith("/")) {
            throw new FlagException("invalid mount config: the container path \"" + target
                    + "\" must be absolute");
        }
    }

    /** {@code -v [SOURCE:]TARGET[:OPTIONS]}: a SOURCE starting with / or . is a bind, else a volume name. */
    public static MountRequest volumeFlag(String flag) {
        String[] parts = flag.split(":", -1);
        if (parts.length == 0 || parts.length > 3 || flag.isEmpty()) {
            throw new FlagException("invalid spec: " + flag + ": too many colons");
        }
        String source = parts.length >= 2 ? parts[0] : null;
        String target = parts.length >= 2 ? parts[1] : parts[0];
        List<String> opts = parts.length == 3 ? List.of(parts[2].split(",")) : List.of();
        boolean ro = false;
        List<String> extra = new ArrayList<>();
        for (String o : opts) {
            switch (o) {
                case "ro" -> ro = true;
                case "rw", "z", "Z", "" -> { }
                case "shared", "rshared", "slave", "rslave", "private", "rprivate", "nocopy" -> extra.add(o);
                default -> throw new FlagException("invalid mode: " + o);
            }
        }
        if (target.isEmpty()) {
            throw new FlagException("invalid spec: " + flag + ": empty section between colons");
        }
        if (source == null) {
            return new MountRequest(Type.VOLUME, null, target, ro, extra);
        }
        if (source.isEmpty()) {
            throw new FlagException("invalid spec: " + flag + ": empty section between colons");
        }
        Type t = source.startsWith("/") || source.startsWith(".") ? Type.BIND : Type.VOLUME;
        return new MountRequest(t, source, target, ro, extra);
    }

    /** {@code --mount type=bind,source=/a,target=/b,readonly} (docker's csv keys and aliases). */
    public static MountRequest mountFlag(String flag) {
        Type type = Type.VOLUME;
        String source = null;
        String target = null;
        boolean ro = false;
        List<String> extra = new ArrayList<>();
        for (String field : flag.split(",")) {
            int eq = field.indexOf('=');
            String k = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : field.substring(eq + 1);
            switch (k) {
                case "type" -> type = switch (String.valueOf(v)) {
                    case "bind" -> Type.BIND;
                    case "volume" -> Type.VOLUME;
                    case "tmpfs" -> Type.TMPFS;
                    default -> throw new FlagException("invalid argument \"" + flag + "\" for \"--mount\" flag: "
                            + "invalid type \"" + v + "\"");
                };
                case "source", "src" -> source = v;
                case "target", "destination", "dst" -> target = v;
                case "readonly", "ro" -> ro = v == null || v.equals("1") || v.equalsIgnoreCase("true");
                case "bind-propagation" -> extra.add(v);
                case "tmpfs-size" -> extra.add("size=" + v);
                case "tmpfs-mode" -> extra.add("mode=" + v);
                case "volume-nocopy", "consistency" -> { }
                default -> throw new FlagException("invalid argument \"" + flag + "\" for \"--mount\" flag: "
                        + "unexpected key '" + k + "' in '" + field + "'");
            }
        }
        if (target == null || target.isEmpty()) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--mount\" flag: target is required");
        }
        if (type == Type.BIND && (source == null || source.isEmpty())) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--mount\" flag: source is required "
                    + "when type is bind");
        }
        return new MountRequest(type, type == Type.TMPFS ? null : source, target, ro, extra);
    }

    /** {@code --tmpfs /run[:OPTIONS]}, options as mount(8) takes them. */
    public static MountRequest tmpfsFlag(String flag) {
        int colon = flag.indexOf(':');
        String target = colon < 0 ? flag : flag.substring(0, colon);
        List<String> extra = new ArrayList<>();
        boolean ro = false;
        if (colon >= 0) {
            for (String o : flag.substring(colon + 1).split(",")) {
                if (o.equals("ro")) {
                    ro = true;
                } else if (!o.isEmpty() && !o.equals("rw")) {
                    extra.add(o);
                }
            }
        }
        return new MountRequest(Type.TMPFS, null, target, ro, extra);
    }
}

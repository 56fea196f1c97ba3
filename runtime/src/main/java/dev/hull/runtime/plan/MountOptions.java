package dev.hull.runtime.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mount's options parsed as runc does: flag words set or clear {@code MS_*} flags
 * in order, propagation words become separate propagation changes, {@code bind} and
 * {@code rbind} ask for a bind mount, and every other word is file system data.
 *
 * @param flags       the {@code MS_*} flags, including MS_BIND (and MS_REC for rbind)
 * @param propagation propagation changes to apply after the mount, in order
 *                    (e.g. MS_PRIVATE | MS_REC for rprivate)
 * @param data        the file system data, comma-joined ("" when none)
 */
public record MountOptions(long flags, List<Long> propagation, String data) {

    public static final long MS_RDONLY = 1L;
    public static final long MS_NOSUID = 2L;
    public static final long MS_NODEV = 4L;
    public static final long MS_NOEXEC = 8L;
    public static final long MS_SYNCHRONOUS = 16L;
    public static final long MS_REMOUNT = 32L;
    public static final long MS_MANDLOCK = 64L;
    public static final long MS_DIRSYNC = 128L;
    public static final long MS_NOSYMFOLLOW = 256L;
    public static final long MS_NOATIME = 1024L;
    public static final long MS_NODIRATIME = 2048L;
    public static final long MS_BIND = 4096L;
    public static final long MS_MOVE = 8192L;
    public static final long MS_REC = 16384L;
    public static final long MS_SILENT = 32768L;
    public static final long MS_UNBINDABLE = 1L << 17;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;
    public static final long MS_RELATIME = 1L << 21;
    public static final long MS_I_VERSION = 1L << 23;
    public static final long MS_STRICTATIME = 1L << 24;
    public static final long MS_LAZYTIME = 1L << 25;

    /** Flag words: true sets the flag, false clears it. */
    private record FlagWord(long flag, boolean set) {
    }

    private static final Map<String, FlagWord> FLAGS = new LinkedHashMap<>();
    private static final Map<String, Long> PROPAGATION = new LinkedHashMap<>();

    static {
        FLAGS.put("defaults", new FlagWord(0, true));
        FLAGS.put("ro", new FlagWord(MS_RDONLY, true));
        FLAGS.put("rw", new FlagWord(MS_RDONLY, false));
        FLAGS.put("nosuid", new FlagWord(MS_NOSUID, true));
        FLAGS.put("suid", new FlagWord(MS_NOSUID, false));
        FLAGS.put("nodev", new FlagWord(MS_NODEV, true));
        FLAGS.put("dev", new FlagWord(MS_NODEV, false));
        FLAGS.put("noexec", new FlagWord(MS_NOEXEC, true));
        FLAGS.put("exec", new FlagWord(MS_NOEXEC, false));
        FLAGS.put("sync", new FlagWord(MS_SYNCHRONOUS, true));
        FLAGS.put("async", new FlagWord(MS_SYNCHRONOUS, false));
        FLAGS.put("dirsync", new FlagWord(MS_DIRSYNC, true));
        FLAGS.put("remount", new FlagWord(MS_REMOUNT, true));
        FLAGS.put("mand", new FlagWord(MS_MANDLOCK, true));
        FLAGS.put("nomand", new FlagWord(MS_MANDLOCK, false));
        FLAGS.put("noatime", new FlagWord(MS_NOATIME, true));
        FLAGS.put("atime", new FlagWord(MS_NOATIME, false));
        FLAGS.put("nodiratime", new FlagWord(MS_NODIRATIME, true));
        FLAGS.put("diratime", new FlagWord(MS_NODIRATIME, false));
        FLAGS.put("relatime", new FlagWord(MS_RELATIME, true));
        FLAGS.put("norelatime", new FlagWord(MS_RELATIME, false));
        FLAGS.put("strictatime", new FlagWord(MS_STRICTATIME, true));
        FLAGS.put("nostrictatime", new FlagWord(MS_STRICTATIME, false));
        FLAGS.put("iversion", new FlagWord(MS_I_VERSION, true));
        FLAGS.put("noiversion", new FlagWord(MS_I_VERSION, false));
        FLAGS.put("lazytime", new FlagWord(MS_LAZYTIME, true));
        FLAGS.put("nolazytime", new FlagWord(MS_LAZYTIME, false));
        FLAGS.put("silent", new FlagWord(MS_SILENT, true));
        FLAGS.put("loud", new FlagWord(MS_SILENT, false));
        FLAGS.put("nosymfollow", new FlagWord(MS_NOSYMFOLLOW, true));
        FLAGS.put("symfollow", new FlagWord(MS_NOSYMFOLLOW, false));
        FLAGS.put("bind", new FlagWord(MS_BIND, true));
        FLAGS.put("rbind", new FlagWord(MS_BIND | MS_REC, true));
        PROPAGATION.put("private", MS_PRIVATE);
        PROPAGATION.put("rprivate", MS_PRIVATE | MS_REC);
        PROPAGATION.put("shared", MS_SHARED);
        PROPAGATION.put("rshared", MS_SHARED | MS_REC);
        PROPAGATION.put("slave", MS_SLAVE);
        PROPAGATION.put("rslave", MS_SLAVE | MS_REC);
        PROPAGATION.put("unbindable", MS_UNBINDABLE);
        PROPAGATION.put("runbindable", MS_UNBINDABLE | MS_REC);
    }

    /** Recursive mount attributes (mount_setattr) and runc extensions, refused until implemented. */
    private static final Set<String> UNSUPPORTED = Set.of("rro", "rrw", "rnosuid", "rsuid", "rnodev", "rdev",
            "rnoexec", "rexec", "rnodiratime", "rdiratime", "rrelatime", "rnorelatime", "rnoatime", "ratime",
            "rstrictatime", "rnostrictatime", "rnosymfollow", "rsymfollow", "tmpcopyup", "idmap", "ridmap");

    /** Every option word understood as a flag or a propagation (features.json mountOptions). */
    public static final List<String> KNOWN;

    static {
        List<String> known = new ArrayList<>(FLAGS.keySet());
        known.addAll(PROPAGATION.keySet());
        KNOWN = List.copyOf(known);
    }

    public MountOptions {
        propagation = List.copyOf(propagation);
    }

    /**
     * Parses option words.
     *
     * @throws IllegalArgumentException for an option that is recognised but not supported,
     *                                  e.g. {@code "rro" is not supported yet}
     */
    public static MountOptions parse(List<String> options) {
        long flags = 0;
        List<Long> propagation = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String o : options) {
            FlagWord f = FLAGS.get(o);
            Long p = PROPAGATION.get(o);
            if (f != null) {
                flags = f.set() ? flags | f.flag() : flags & ~f.flag();
            } else if (p != null) {
                propagation.add(p);
            } else if (UNSUPPORTED.contains(o)) {
                throw new IllegalArgumentException("\"" + o + "\" is not supported yet");
            } else if (!o.isEmpty()) {
                data.add(o);
            }
        }
        return new MountOptions(flags, propagation, String.join(",", data));
    }

    public boolean bind() {
        return (flags & MS_BIND) != 0;
    }

    public boolean recursive() {
        return (flags & MS_REC) != 0;
    }

    /** The flag of a propagation word such as "rslave", or 0 if it is not one. */
    public static long propagationFlag(String word) {
        return word == null ? 0 : PROPAGATION.getOrDefault(word, 0L);
    }

    /** The propagation word of a flag value, e.g. "rslave" for MS_SLAVE | MS_REC. */
    public static String propagationName(long flag) {
        for (Map.Entry<String, Long> e : PROPAGATION.entrySet()) {
            if (e.getValue() == flag) {
                return e.getKey();
            }
        }
        return "0x" + Long.toHexString(flag);
    }

    /** Flags as option words for descriptions, e.g. "ro,nosuid,nodev". */
    public static String describe(long flags) {
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, FlagWord> e : FLAGS.entrySet()) {
            FlagWord f = e.getValue();
            if (f.set() && f.flag() != 0 && Long.bitCount(f.flag()) == 1 && (flags & f.flag()) != 0) {
                words.add(e.getKey());
            }
        }
        return String.join(",", words);
    }
}

package dev.hull.engine.spec;

import dev.hull.runtime.spec.User;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns docker's {@code --user} (name, uid, name:group, uid:gid) into ids by the
 * image's /etc/passwd and /etc/group, as docker does: a name must be found, a number
 * need not be; the user's supplementary groups come from /etc/group.
 */
public final class UserResolver {

    private final Path rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    public User resolve(String spec) {
        if (spec == null || spec.isEmpty()) {
            spec = "0";
        }
        int colon = spec.indexOf(':');
        String u = colon < 0 ? spec : spec.substring(0, colon);
        String g = colon < 0 ? null : spec.substring(colon + 1);
        List<String[]> passwd = entries("passwd");
        long uid;
        long gid;
        String name = null;
        String[] pw = find(passwd, u);
        if (pw != null) {
            name = pw[0];
            uid = Long.parseLong(pw[2]);
            gid = Long.parseLong(pw[3]);
        } else if (isNumber(u)) {
            uid = Long.parseLong(u);
            gid = 0;
        } else {
            throw new FlagException("unable to find user " + u + ": no matching entries in passwd file");
        }
        List<String[]> groups = entries("group");
        if (g != null) {
            String[] gr = find(groups, g);
            if (gr != null) {
                gid = Long.parseLong(gr[2]);
            } else if (isNumber(g)) {
                gid = Long.parseLong(g);
            } else {
                throw new FlagException("unable to find group " + g + ": no matching entries in group file");
            }
        }
        List<Long> extra = new ArrayList<>();
        if (name != null && g == null) {
            for (String[] gr : groups) {
                if (gr.length > 3 && List.of(gr[3].split(",")).contains(name)) {
                    long id = Long.parseLong(gr[2]);
                    if (id != gid && !extra.contains(id)) {
                        extra.add(id);
                    }
                }
            }
        }
        return new User(uid, gid, null, extra);
    }

    /** The entry whose name or id (third field) is {@code key}; names win, as in docker. */
    private static String[] find(List<String[]> entries, String key) {
        for (String[] e : entries) {
            if (e[0].equals(key)) {
                return e;
            }
        }
        for (String[] e : entries) {
            if (isNumber(key) && e[2].equals(key)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The well-formed lines of the image's /etc/FILE. The file is the image's, not
     * the host's: a symlink in the image is followed only as long as it stays inside
     * the rootfs (the container has not run yet, so nothing changes it meanwhile).
     */
    private List<String[]> entries(String file) {
        Path p = rootfs.resolve("etc").resolve(file);
        List<String[]> out = new ArrayList<>();
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(rootfs.toRealPath())) {
                throw new FlagException("/etc/" + file + " of the image points outside it: " + real);
            }
            for (String line : Files.readAllLines(real)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !line.startsWith("#") && isNumber(f[2])
                        && (!file.equals("passwd") || (f.length >= 4 && isNumber(f[3])))) {
                    out.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new FlagException("read /etc/" + file + " of the image: " + e.getMessage());
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 11 && s.chars().allMatch(Character::isDigit);
    }
}

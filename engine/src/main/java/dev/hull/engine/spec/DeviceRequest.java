package dev.hull.engine.spec;

/** {@code --device HOST[:CONTAINER[:PERMISSIONS]]}, permissions a subset of "rwm". */
public record DeviceRequest(String hostPath, String containerPath, String permissions) {

    public static DeviceRequest parse(String flag) {
        String[] p = flag.split(":", -1);
        if (p.length > 3 || p[0].isEmpty()) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--device\" flag: bad format for path: "
                    + flag);
        }
        String host = p[0];
        String inside = host;
        String perms = "rwm";
        if (p.length == 2) {
            if (isPermissions(p[1])) {
                perms = p[1];
            } else {
                inside = p[1];
            }
        } else if (p.length == 3) {
            inside = p[1];
            perms = p[2];
            if (!isPermissions(perms)) {
                throw new FlagException("invalid argument \"" + flag + "\" for \"--device\" flag: invalid device mode: "
                        + perms);
            }
        }
        if (!host.startsWith("/") || !inside.startsWith("/")) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--device\" flag: " + flag
                    + " is not an absolute path");
        }
        return new DeviceRequest(host, inside, perms);
    }

    private static boolean isPermissions(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm')
                && s.chars().distinct().count() == s.length();
    }
}

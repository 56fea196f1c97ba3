package dev.hull.engine.spec;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code --add-host NAME:IP} (or NAME=IP), one line of the container's /etc/hosts. */
public record HostEntry(String name, String address) {

    public static HostEntry parse(String flag) {
        int eq = flag.indexOf('=');
        int sep = eq >= 0 ? eq : flag.indexOf(':');
        if (sep <= 0 || sep == flag.length() - 1) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--add-host\" flag: bad format for "
                    + "add-host: \"" + flag + "\"");
        }
        String name = flag.substring(0, sep);
        String ip = flag.substring(sep + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.equals("host-gateway") && !isIpLiteral(ip)) {
            throw new FlagException("invalid argument \"" + flag + "\" for \"--add-host\" flag: invalid IP address "
                    + "in add-host: \"" + ip + "\"");
        }
        return new HostEntry(name, ip);
    }

    private static boolean isIpLiteral(String s) {
        // InetAddress resolves names: only hand it strings made of address characters
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

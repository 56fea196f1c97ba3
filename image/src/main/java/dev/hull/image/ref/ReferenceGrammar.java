package dev.hull.image.ref;

import java.util.regex.Pattern;

/**
 * The pieces of the reference grammar of the distribution spec, each checked on its
 * own so that an error can say which piece is wrong instead of only "invalid
 * reference format".
 */
final class ReferenceGrammar {

    /** A path component: lowercase alphanumerics joined by '.', '_', '__' or runs of '-'. */
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    /** A label of a host name; uppercase is allowed, as DNS is case-insensitive. */
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DIGEST_ALGORITHM = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*");
    private static final Pattern DIGEST_HEX = Pattern.compile("[0-9a-fA-F]{32,}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    static final int MAX_TAG = 128;
    static final int MAX_NAME = 255;

    private ReferenceGrammar() {
    }

    static boolean isPathComponent(String s) {
        return PATH_COMPONENT.matcher(s).matches();
    }

    static boolean isTag(String s) {
        return TAG.matcher(s).matches();
    }

    static boolean isDigestAlgorithm(String s) {
        return DIGEST_ALGORITHM.matcher(s).matches();
    }

    static boolean isDigestHex(String s) {
        return DIGEST_HEX.matcher(s).matches();
    }

    /** A bare 64-hex image ID, which docker refuses as a repository name to avoid confusion. */
    static boolean isImageId(String s) {
        return IMAGE_ID.matcher(s).matches();
    }

    /** host[:port], host being a DNS name, an IPv4 address or a bracketed IPv6 address. */
    static boolean isDomain(String s) {
        String host = s;
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && colon > s.lastIndexOf(']')) {
            if (!PORT.matcher(s.substring(colon + 1)).matches()) {
                return false;
            }
            host = s.substring(0, colon);
        }
        if (host.startsWith("[")) {
            return IPV6.matcher(host).matches();
        }
        if (host.isEmpty()) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}

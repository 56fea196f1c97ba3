package dev.hull.image.ref;

import dev.hull.image.oci.Digest;
import dev.hull.image.oci.DigestAlgorithm;

/**
 * Splits a reference string into its parts, normalising as docker does. The steps
 * run right to left, as the grammar is only unambiguous that way: the digest after
 * the first '@', the tag after a ':' that follows the last '/', then the domain,
 * which is the first component only if it looks like a host.
 */
final class ReferenceParser {

    private static final String PREFIX = "invalid reference format";

    private ReferenceParser() {
    }

    static Reference parse(String s) {
        if (s == null || s.isEmpty()) {
            throw invalid("repository name must have at least one component");
        }
        if (ReferenceGrammar.isImageId(s)) {
            throw new InvalidReferenceException("invalid repository name (" + s
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String rest = s;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = digest(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            if (!ReferenceGrammar.isTag(tag)) {
                throw badTag(tag);
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            throw invalid("repository name must have at least one component");
        }
        String domain;
        String path;
        int slash = rest.indexOf('/');
        if (slash < 0 || !looksLikeDomain(rest.substring(0, slash))) {
            domain = Reference.DOCKER_HUB;
            path = rest;
        } else {
            domain = rest.substring(0, slash);
            path = rest.substring(slash + 1);
        }
        if (domain.equals(Reference.legacyHub())) {
            domain = Reference.DOCKER_HUB;
        }
        if (domain.equals(Reference.DOCKER_HUB) && path.indexOf('/') < 0) {
            path = Reference.officialPrefix() + path;
        }
        if (!ReferenceGrammar.isDomain(domain)) {
            throw invalid("invalid registry host \"" + domain + "\"");
        }
        return new Reference(domain, path, tag, digest);
    }

    /**
     * Whether the first component of a name is a registry host: it has a '.' or a ':',
     * is "localhost", or has uppercase letters (which a repository path cannot have).
     */
    static boolean looksLikeDomain(String first) {
        return first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    static void checkPath(String path) {
        if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
            throw invalid("repository name (" + path + ") must be lowercase");
        }
        if (path.isEmpty()) {
            throw invalid("repository name must have at least one component");
        }
        for (String c : path.split("/", -1)) {
            if (c.isEmpty()) {
                throw invalid("empty path component in \"" + path + "\"");
            }
            if (!ReferenceGrammar.isPathComponent(c)) {
                throw invalid("\"" + c + "\" is not a valid repository path component"
                        + " (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
    }

    private static Digest digest(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw invalid("digest \"" + s + "\" must be algorithm:hex");
        }
        String alg = s.substring(0, colon);
        String hex = s.substring(colon + 1);
        if (!ReferenceGrammar.isDigestAlgorithm(alg) || !ReferenceGrammar.isDigestHex(hex)) {
            throw invalid("digest \"" + s + "\" must be algorithm:hex with at least 32 hex characters");
        }
        DigestAlgorithm a = DigestAlgorithm.byId(alg).orElseThrow(() ->
                new InvalidReferenceException("unsupported digest algorithm: " + alg));
        if (hex.length() != a.hexLength()) {
            throw new InvalidReferenceException("invalid checksum digest length: " + alg + " needs "
                    + a.hexLength() + " hex characters, got " + hex.length());
        }
        if (!hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidReferenceException("invalid checksum digest format: " + s + " must be lowercase hex");
        }
        return new Digest(a, hex);
    }

    static InvalidReferenceException invalid(String detail) {
        return new InvalidReferenceException(PREFIX + ": " + detail);
    }

    static InvalidReferenceException badTag(String tag) {
        if (tag.isEmpty()) {
            return invalid("empty tag");
        }
        if (tag.length() > ReferenceGrammar.MAX_TAG) {
            return invalid("tag is " + tag.length() + " characters long, the limit is " + ReferenceGrammar.MAX_TAG);
        }
        return invalid("tag \"" + tag + "\" must start with a letter, digit or '_'"
                + " and hold only letters, digits, '_', '.' and '-'");
    }

    static InvalidReferenceException tooLong() {
        return new InvalidReferenceException("repository name must not be more than "
                + ReferenceGrammar.MAX_NAME + " characters");
    }
}

package dev.hull.image.oci;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A content digest such as {@code sha256:9f86d0...}. Only the canonical form is
 * accepted (lowercase hex of the algorithm's exact length), because the string is
 * used as a file name in the content store and as a map key: two spellings of one
 * digest must not exist.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {

    private static final HexFormat HEX = HexFormat.of();

    public Digest {
        if (algorithm == null || hex == null) {
            throw new IllegalArgumentException("digest needs an algorithm and a value");
        }
        String why = hexProblem(algorithm, hex);
        if (why != null) {
            throw new InvalidDigestException("invalid digest \"" + algorithm.id() + ":" + hex + "\": " + why);
        }
    }

    /** Parses {@code algorithm:hex}; the message names the input and what is wrong with it. */
    public static Digest parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new InvalidDigestException("invalid digest \"\": empty");
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new InvalidDigestException("invalid digest \"" + s + "\": expected algorithm:hex");
        }
        String alg = s.substring(0, colon);
        DigestAlgorithm a = DigestAlgorithm.byId(alg).orElseThrow(() -> new InvalidDigestException(
                "invalid digest \"" + s + "\": unsupported digest algorithm " + alg));
        return new Digest(a, s.substring(colon + 1));
    }

    /** Whether {@code s} is a digest string hull accepts. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (InvalidDigestException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] data) {
        return of(DigestAlgorithm.SHA256, data);
    }

    public static Digest of(DigestAlgorithm algorithm, byte[] data) {
        MessageDigest md = algorithm.newHasher();
        return fromHasher(algorithm, md.digest(data));
    }

    /** Wraps the output of a hasher made by {@link DigestAlgorithm#newHasher()}. */
    public static Digest fromHasher(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HEX.formatHex(hash));
    }

    /** Whether {@code data} hashes to this digest. */
    public boolean matches(byte[] data) {
        return of(algorithm, data).equals(this);
    }

    /** The first 12 hex characters, as docker shows image IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    private static String hexProblem(DigestAlgorithm a, String hex) {
        if (hex.length() != a.hexLength()) {
            return a.id() + " needs " + a.hexLength() + " hex characters, got " + hex.length();
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return "character '" + c + "' at " + i + " is not lowercase hex";
            }
        }
        return null;
    }
}

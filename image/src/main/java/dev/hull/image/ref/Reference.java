package dev.hull.image.ref;

import dev.hull.image.oci.Digest;

import java.util.Locale;

/**
 * A normalised image reference: registry domain, repository path, and an optional tag
 * and digest, read as docker reads them ({@code busybox} is
 * {@code docker.io/library/busybox}). The full form ({@link #toString()}) is what hull
 * stores; the familiar form ({@link #familiar()}) is what people type and what the
 * CLI shows.
 *
 * @param domain registry host, with port if any ({@code docker.io}, {@code localhost:5000})
 * @param path   repository path within the registry ({@code library/busybox})
 * @param tag    null when not given
 * @param digest null when not given
 */
public record Reference(String domain, String path, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    /** The name Docker Hub's registry API is served from. */
    public static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_HUB = "index.docker.io";
    private static final String OFFICIAL = "library/";

    public Reference {
        if (domain == null || path == null) {
            throw new IllegalArgumentException("a reference needs a domain and a path");
        }
        if (!ReferenceGrammar.isDomain(domain)) {
            throw ReferenceParser.invalid("invalid registry host \"" + domain + "\"");
        }
        ReferenceParser.checkPath(path);
        if (tag != null && !ReferenceGrammar.isTag(tag)) {
            throw ReferenceParser.badTag(tag);
        }
        if ((domain + "/" + path).length() > ReferenceGrammar.MAX_NAME) {
            throw ReferenceParser.tooLong();
        }
    }

    /**
     * Parses and normalises a reference as {@code docker pull} does. No tag is added:
     * use {@link #withDefaultTag()} for docker's implicit {@code :latest}.
     */
    public static Reference parse(String s) {
        return ReferenceParser.parse(s);
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /** The short name people type: {@code busybox}, {@code user/app}, {@code localhost:5000/x}. */
    public String familiarName() {
        if (!domain.equals(DOCKER_HUB)) {
            return name();
        }
        String p = path;
        if (p.startsWith(OFFICIAL) && p.indexOf('/', OFFICIAL.length()) < 0) {
            p = p.substring(OFFICIAL.length());
        }
        // a Hub repository whose first component looks like a host (docker.io/my.org/app)
        // keeps its domain, or the short form would name another registry
        String first = p.contains("/") ? p.substring(0, p.indexOf('/')) : null;
        if (first != null && ReferenceParser.looksLikeDomain(first)) {
            return name();
        }
        return p;
    }

    /** The full form: {@code docker.io/library/busybox:latest}, {@code host/x@sha256:...}. */
    @Override
    public String toString() {
        return suffixed(name());
    }

    /** The familiar form: {@code busybox:latest}, {@code user/app@sha256:...}. */
    public String familiar() {
        return suffixed(familiarName());
    }

    /** Adds {@code :latest} when neither a tag nor a digest is given, as docker does. */
    public Reference withDefaultTag() {
        return tag == null && digest == null ? withTag(DEFAULT_TAG) : this;
    }

    public Reference withTag(String t) {
        return new Reference(domain, path, t, digest);
    }

    public Reference withDigest(Digest d) {
        return new Reference(domain, path, tag, d);
    }

    /** The repository alone, without tag or digest. */
    public Reference repository() {
        return new Reference(domain, path, null, null);
    }

    /** The host to send registry API requests to ({@code registry-1.docker.io} for Docker Hub). */
    public String registryHost() {
        return domain.equals(DOCKER_HUB) ? DOCKER_HUB_REGISTRY : domain;
    }

    /** Whether the registry is the loopback interface, which docker treats as insecure by default. */
    public boolean isLocalRegistry() {
        String host = domain.contains(":") && !domain.endsWith("]")
                ? domain.substring(0, domain.lastIndexOf(':')) : domain;
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private String suffixed(String n) {
        return n + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    static String legacyHub() {
        return LEGACY_HUB;
    }

    static String officialPrefix() {
        return OFFICIAL;
    }
}

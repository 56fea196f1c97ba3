package dev.hull.engine.spec;

/**
 * --pid / --ipc / --uts / --network: a new namespace (private), the host's, or
 * another container's, which the engine has resolved to a path such as /proc/PID/ns/pid.
 */
public record NamespaceMode(Kind kind, String path) {

    public enum Kind { PRIVATE, HOST, JOIN }

    public static final NamespaceMode PRIVATE = new NamespaceMode(Kind.PRIVATE, null);
    public static final NamespaceMode HOST = new NamespaceMode(Kind.HOST, null);

    public static NamespaceMode join(String path) {
        return new NamespaceMode(Kind.JOIN, path);
    }
}

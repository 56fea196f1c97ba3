package dev.hull.runtime.spec;

import java.util.List;
import java.util.Map;

/**
 * An OCI runtime-spec 1.2 configuration (config.json), the Linux parts. Read and
 * write it with {@link SpecIO}, check it with {@link SpecValidator}. Lists and maps
 * are never null (absent means empty); nested objects may be null when absent.
 */
public record Spec(String ociVersion, Process process, Root root, String hostname, String domainname,
                   List<Mount> mounts, Hooks hooks, Map<String, String> annotations, Linux linux) {

    public Spec {
        mounts = Util.list(mounts);
        annotations = Util.map(annotations);
    }

    /** The hooks, or {@link Hooks#EMPTY} when the config has none. */
    public Hooks hooksOrEmpty() {
        return hooks == null ? Hooks.EMPTY : hooks;
    }

    /** The linux section, or {@link Linux#EMPTY} when the config has none. */
    public Linux linuxOrEmpty() {
        return linux == null ? Linux.EMPTY : linux;
    }

    public Spec withProcess(Process p) {
        return new Spec(ociVersion, p, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withRoot(Root r) {
        return new Spec(ociVersion, process, r, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withHostname(String h) {
        return new Spec(ociVersion, process, root, h, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withMounts(List<Mount> m) {
        return new Spec(ociVersion, process, root, hostname, domainname, m, hooks, annotations, linux);
    }

    public Spec withHooks(Hooks h) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, h, annotations, linux);
    }

    public Spec withLinux(Linux l) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, l);
    }
}

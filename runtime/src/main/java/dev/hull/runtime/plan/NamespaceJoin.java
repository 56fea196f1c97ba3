package dev.hull.runtime.plan;

import dev.hull.runtime.spec.LinuxNamespace;
import dev.hull.runtime.spec.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A namespace an exec process joins.
 *
 * @param type a runtime-spec namespace type ("user", "network", "mount", ...)
 * @param path the namespace file, e.g. /proc/1234/ns/net
 */
public record NamespaceJoin(String type, String path) {

    public NamespaceJoin {
        if (!LinuxNamespace.isType(type)) {
            throw new IllegalArgumentException("not a namespace type: " + type);
        }
    }

    /** The namespace of a type that process pid is in: /proc/PID/ns/NAME. */
    public static NamespaceJoin of(String type, int pid) {
        return new NamespaceJoin(type, "/proc/" + pid + "/ns/" + LinuxNamespace.procName(type));
    }

    /**
     * Every namespace the container's config lists (new or joined), taken from its init
     * process: the ones an exec joins. The user namespace comes first, mount last.
     */
    public static List<NamespaceJoin> forContainer(Spec spec, int initPid) {
        List<NamespaceJoin> joins = new ArrayList<>();
        for (LinuxNamespace n : spec.linuxOrEmpty().namespaces()) {
            if (LinuxNamespace.isType(n.type())) {
                joins.add(of(n.type(), initPid));
            }
        }
        return PlanCompiler.joinOrder(joins, NamespaceJoin::type);
    }
}

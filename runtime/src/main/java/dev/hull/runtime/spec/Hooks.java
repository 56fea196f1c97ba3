package dev.hull.runtime.spec;

import java.util.List;

/**
 * {@code hooks}. prestart, createRuntime, poststart and poststop run in the runtime's
 * namespaces (Java runs them); createContainer and startContainer run in the
 * container (plan steps).
 */
public record Hooks(List<Hook> prestart, List<Hook> createRuntime, List<Hook> createContainer,
                    List<Hook> startContainer, List<Hook> poststart, List<Hook> poststop) {

    public static final Hooks EMPTY = new Hooks(null, null, null, null, null, null);

    public Hooks {
        prestart = Util.list(prestart);
        createRuntime = Util.list(createRuntime);
        createContainer = Util.list(createContainer);
        startContainer = Util.list(startContainer);
        poststart = Util.list(poststart);
        poststop = Util.list(poststop);
    }

    public boolean isEmpty() {
        return prestart.isEmpty() && createRuntime.isEmpty() && createContainer.isEmpty()
                && startContainer.isEmpty() && poststart.isEmpty() && poststop.isEmpty();
    }
}

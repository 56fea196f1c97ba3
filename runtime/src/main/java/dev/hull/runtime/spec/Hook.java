package dev.hull.runtime.spec;

import java.util.List;

/**
 * One hook. {@code args} includes argv[0] when given (it may differ from path).
 *
 * @param timeout seconds, null when not set
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {

    public Hook {
        args = Util.list(args);
        env = Util.list(env);
    }
}

package dev.hull.sys;

import java.util.List;
import java.util.Map;

/**
 * A program for {@link Libc#spawn} to start.
 *
 * @param path    the program's path; it is not searched for in PATH
 * @param argv    the arguments, conventionally starting with the program name
 * @param env     the complete environment, as "NAME=value"; empty means none
 * @param dup2    child fd number -> parent fd to place there, e.g. {@code 1 -> pipe write end};
 *                the child's copy is never close-on-exec. Mappings may overlap (swap 3 and 4).
 * @param inherit parent fds that the child gets at the same number, close-on-exec cleared
 *                in the child only. All other fds stay as the JVM has them (nearly all close-on-exec).
 */
public record SpawnRequest(String path, List<String> argv, List<String> env,
                           Map<Integer, Integer> dup2, List<Integer> inherit) {

    public SpawnRequest {
        if (path == null) {
            throw new NullPointerException("path");
        }
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        dup2 = dup2 == null ? Map.of() : Map.copyOf(dup2);
        inherit = inherit == null ? List.of() : List.copyOf(inherit);
        dup2.forEach((child, parent) -> {
            if (child < 0 || parent < 0) {
                throw new IllegalArgumentException("negative fd in dup2 " + child + " -> " + parent);
            }
        });
        for (int fd : inherit) {
            if (fd < 0) {
                throw new IllegalArgumentException("negative fd in inherit: " + fd);
            }
            if (dup2.containsKey(fd) && dup2.get(fd) != fd) {
                throw new IllegalArgumentException("fd " + fd + " is both inherited and a dup2 target");
            }
        }
    }

    /** A program with no fds other than what the JVM leaves open (0, 1, 2). */
    public SpawnRequest(String path, List<String> argv, List<String> env) {
        this(path, argv, env, Map.of(), List.of());
    }
}

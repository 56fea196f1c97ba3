package dev.hull.runtime.spec;

import java.util.List;

/**
 * {@code process.user}. Ids are unsigned 32-bit values held in a long.
 *
 * @param umask null when not set (the runtime then uses 0022)
 */
public record User(long uid, long gid, Integer umask, List<Long> additionalGids) {

    public static final User ROOT = new User(0, 0, null, List.of());

    public User {
        additionalGids = Util.list(additionalGids);
    }
}

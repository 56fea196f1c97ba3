package dev.hull.engine.db;

import java.util.regex.Pattern;

/**
 * docker's rules for container names: at least two characters, the first a letter or
 * digit, the rest letters, digits, '_', '.' or '-'. docker shows names with a leading
 * '/', and accepts one on input; the database stores them without it.
 */
public final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private ContainerNames() {
    }

    /** The name to store for {@code name} as given by a user, or an error in docker's words. */
    public static String normalize(String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        if (!VALID.matcher(bare).matches()) {
            throw new InvalidArgumentException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return bare;
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name.startsWith("/") ? name.substring(1) : name).matches();
    }

    /** docker's message when {@code name} belongs to container {@code holderId}. */
    public static ConflictException inUse(String name, String holderId) {
        return new ConflictException("Conflict. The container name \"/" + name
                + "\" is already in use by container \"" + holderId
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
}

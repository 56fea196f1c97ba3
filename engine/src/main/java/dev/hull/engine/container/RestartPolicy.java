package dev.hull.engine.container;

import dev.hull.engine.spec.FlagException;

/** {@code --restart}: no, on-failure[:MAX], always, unless-stopped. */
public record RestartPolicy(Name name, int maxRetries) {

    public enum Name { NO, ON_FAILURE, ALWAYS, UNLESS_STOPPED }

    public static final RestartPolicy NO = new RestartPolicy(Name.NO, 0);

    public static RestartPolicy parse(String flag) {
        String[] p = flag.split(":", -1);
        Name name = switch (p[0]) {
            case "", "no" -> Name.NO;
            case "on-failure" -> Name.ON_FAILURE;
            case "always" -> Name.ALWAYS;
            case "unless-stopped" -> Name.UNLESS_STOPPED;
            default -> throw new FlagException("invalid restart policy: unknown policy '" + p[0]
                    + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        };
        int max = 0;
        if (p.length == 2) {
            if (name != Name.ON_FAILURE) {
                throw new FlagException("invalid restart policy: maximum retry count can only be used with "
                        + "'on-failure'");
            }
            try {
                max = Integer.parseInt(p[1]);
            } catch (NumberFormatException e) {
                throw new FlagException("invalid restart policy: invalid maximum retry count: " + p[1]);
            }
            if (max < 0) {
                throw new FlagException("invalid restart policy: maximum retry count cannot be negative");
            }
        } else if (p.length > 2) {
            throw new FlagException("invalid restart policy format: " + flag);
        }
        return new RestartPolicy(name, max);
    }

    /** docker's words: "no", "on-failure", "always", "unless-stopped". */
    public String word() {
        return name.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether a container that exited with {@code exitCode} starts again. */
    public boolean restarts(int exitCode, int restartCount, boolean stoppedByUser) {
        if (stoppedByUser) {
            return false;
        }
        return switch (name) {
            case NO -> false;
            case ALWAYS, UNLESS_STOPPED -> true;
            case ON_FAILURE -> exitCode != 0 && (maxRetries == 0 || restartCount < maxRetries);
        };
    }
}

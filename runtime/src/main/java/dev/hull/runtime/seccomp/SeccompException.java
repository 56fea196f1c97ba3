package dev.hull.runtime.seccomp;

/**
 * A seccomp profile could not be compiled: either the profile is invalid (the message then starts
 * with the field path, e.g. {@code linux.seccomp.syscalls[3].action: unknown action
 * "SCMP_ACT_FOO"}), or a libseccomp call failed (the message names the call, e.g. {@code
 * seccomp_rule_add_array(mkdir): Invalid argument}).
 */
public class SeccompException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public SeccompException(String message) {
        super(message);
        this.field = null;
    }

    public SeccompException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    private SeccompException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** An invalid value in the profile; {@code field} is its path, e.g. {@code linux.seccomp.flags[0]}. */
    public static SeccompException field(String field, String message) {
        return new SeccompException(field, message);
    }

    /** The path of the offending profile field, or null when the error is not about one field. */
    public String field() {
        return field;
    }
}

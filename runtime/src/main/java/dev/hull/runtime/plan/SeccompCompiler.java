package dev.hull.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.spec.SpecException;

/**
 * Turns {@code linux.seccomp} into the plan's SECCOMP step. The plan compiler places
 * the step (before CREDENTIALS without no_new_privs, since loading a filter then needs
 * CAP_SYS_ADMIN; right after it with no_new_privs, as late as possible).
 */
@FunctionalInterface
public interface SeccompCompiler {

    /** Refuses any seccomp section: the default until seccomp is compiled. */
    SeccompCompiler UNSUPPORTED = seccomp -> {
        throw new SpecException("linux.seccomp: not supported yet");
    };

    /**
     * @param seccomp the config's linux.seccomp object (never null)
     * @return the step loading the filter, or null if the section asks for no filter
     * @throws SpecException naming the field, e.g. {@code linux.seccomp.syscalls[3].names[0]: unknown syscall "foo"}
     */
    Step.Seccomp compile(JsonNode seccomp);
}

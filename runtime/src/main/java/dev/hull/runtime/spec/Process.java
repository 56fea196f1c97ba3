package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The container process (config.json {@code process}, or an exec's process.json).
 * {@code commandLine} (Windows) is not kept. {@code ioPriority} and {@code scheduler}
 * are kept as JSON: the plan cannot apply them yet, so a config using them is refused.
 *
 * @param oomScoreAdj null when not set
 */
public record Process(boolean terminal, ConsoleSize consoleSize, User user, List<String> args, List<String> env,
                      String cwd, Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges,
                      String apparmorProfile, Integer oomScoreAdj, String selinuxLabel, JsonNode ioPriority,
                      JsonNode scheduler) {

    public Process {
        args = Util.list(args);
        env = Util.list(env);
        rlimits = Util.list(rlimits);
        ioPriority = Util.node(ioPriority);
        scheduler = Util.node(scheduler);
    }

    @Override
    public JsonNode ioPriority() {
        return ioPriority == null ? null : ioPriority.deepCopy();
    }

    @Override
    public JsonNode scheduler() {
        return scheduler == null ? null : scheduler.deepCopy();
    }

    /** The user, or uid 0 / gid 0 when absent. */
    public User userOrRoot() {
        return user == null ? User.ROOT : user;
    }

    /** The value of the last {@code PATH=} entry of env, or null. */
    public String pathEnv() {
        String path = null;
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                path = e.substring(5);
            }
        }
        return path;
    }

    public Process withArgs(List<String> a) {
        return new Process(terminal, consoleSize, user, a, env, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withTerminal(boolean t, ConsoleSize size) {
        return new Process(t, size, user, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withUser(User u) {
        return new Process(terminal, consoleSize, u, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withEnv(List<String> e) {
        return new Process(terminal, consoleSize, user, args, e, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withCwd(String c) {
        return new Process(terminal, consoleSize, user, args, env, c, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withCapabilities(Capabilities c) {
        return new Process(terminal, consoleSize, user, args, env, cwd, c, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withRlimits(List<Rlimit> r) {
        return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, r, noNewPrivileges,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withNoNewPrivileges(boolean n) {
        return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits, n,
                apparmorProfile, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withApparmorProfile(String p) {
        return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                p, oomScoreAdj, selinuxLabel, ioPriority, scheduler);
    }

    public Process withOomScoreAdj(Integer o) {
        return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, o, selinuxLabel, ioPriority, scheduler);
    }

    public Process withSelinuxLabel(String l) {
        return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                apparmorProfile, oomScoreAdj, l, ioPriority, scheduler);
    }
}

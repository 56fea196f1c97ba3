package dev.hull.runtime.plan;

import java.util.List;

/**
 * One step of a plan: the vocabulary hull-init understands (docs/plan-format.md).
 * Every step carries a short description that becomes the prefix of its error
 * message, e.g. {@code mount proc on /proc: Operation not permitted}.
 */
public sealed interface Step {

    /** Operation number on the wire. */
    int op();

    String description();

    /** Steps before {@link Clone} run in the launcher, in the caller's namespaces. */
    record PreserveFds(String description, int count) implements Step {
        public int op() { return 1; }
    }

    record JoinCgroup(String description, String procsFile) implements Step {
        public int op() { return 2; }
    }

    record ConsoleConnect(String description, String socketPath) implements Step {
        public int op() { return 3; }
    }

    record OomScoreAdj(String description, int value) implements Step {
        public int op() { return 4; }
    }

    record SetNs(String description, String path, int nsType) implements Step {
        public int op() { return 5; }
    }

    /** The split between launcher and child. */
    record Clone(String description, int cloneFlags, int options, String uidMap, String gidMap) implements Step {
        public static final int WAIT = 1;
        public static final int SETGROUPS_DENY = 2;

        public int op() { return 6; }

        public boolean waits() { return (options & WAIT) != 0; }
    }

    record Mount(String description, int options, String source, String target, String fsType, long flags,
                 String data) implements Step {
        public static final int TARGET_IN_ROOT = 1;
        public static final int MKDIR = 2;
        public static final int MKFILE = 4;
        public static final int SOURCE_IN_ROOT = 8;
        public static final int BIND_SOURCE_STAT = 16;

        public int op() { return 7; }
    }

    record SetRoot(String description, String path) implements Step {
        public int op() { return 8; }
    }

    record Mknod(String description, String path, int mode, int major, int minor, int uid, int gid) implements Step {
        public int op() { return 9; }
    }

    record Symlink(String description, String target, String linkPath) implements Step {
        public int op() { return 10; }
    }

    record MaskPath(String description, String path) implements Step {
        public int op() { return 11; }
    }

    record ReadonlyPath(String description, String path) implements Step {
        public int op() { return 12; }
    }

    record PivotRoot(String description, String newRoot, int options) implements Step {
        public static final int NO_PIVOT = 1;

        public int op() { return 13; }
    }

    record RemountReadonly(String description, String path) implements Step {
        public int op() { return 14; }
    }

    record SetHostname(String description, String name) implements Step {
        public int op() { return 15; }
    }

    record SetDomainname(String description, String name) implements Step {
        public int op() { return 16; }
    }

    record Sysctl(String description, String key, String value) implements Step {
        public int op() { return 17; }
    }

    /** {@code -1L} (u64 max) means infinity. */
    record Rlimit(String description, int resource, long soft, long hard) implements Step {
        public int op() { return 18; }
    }

    record Chdir(String description, String path) implements Step {
        public int op() { return 19; }
    }

    record Umask(String description, int mask) implements Step {
        public int op() { return 20; }
    }

    record NoNewPrivs(String description) implements Step {
        public int op() { return 21; }
    }

    /** Capability sets are bit masks indexed by capability number. */
    record Credentials(String description, int uid, int gid, List<Integer> additionalGids, long bounding,
                       long effective, long permitted, long inheritable, long ambient, int options)
            implements Step {
        public static final int SKIP_SETGROUPS = 1;

        public Credentials {
            additionalGids = List.copyOf(additionalGids);
        }

        public int op() { return 22; }
    }

    record Sync(String description, int point) implements Step {
        public int op() { return 23; }
    }

    record Hook(String description, String path, List<String> args, List<String> env, int timeoutSeconds)
            implements Step {
        public Hook {
            args = List.copyOf(args);
            env = List.copyOf(env);
        }

        public int op() { return 24; }
    }

    record Console(String description, int rows, int cols) implements Step {
        public int op() { return 25; }
    }

    record SetSid(String description) implements Step {
        public int op() { return 26; }
    }

    record OpenStartFifo(String description, String path) implements Step {
        public int op() { return 27; }
    }

    record Ready(String description) implements Step {
        public int op() { return 28; }
    }

    record AwaitStart(String description) implements Step {
        public int op() { return 29; }
    }

    record ResolveExec(String description, String file, String pathEnv) implements Step {
        public int op() { return 30; }
    }

    record Exec(String description, List<String> argv, List<String> env) implements Step {
        public Exec {
            argv = List.copyOf(argv);
            env = List.copyOf(env);
        }

        public int op() { return 31; }
    }

    record Seccomp(String description, int flags, byte[] filter) implements Step {
        public Seccomp {
            filter = filter.clone();
        }

        public int op() { return 32; }
    }

    record WriteAttr(String description, String path, String value) implements Step {
        public int op() { return 33; }
    }

    /** Seconds may be negative (two's complement on the wire). */
    record TimeNs(String description, long monotonicSec, int monotonicNsec, long boottimeSec, int boottimeNsec)
            implements Step {
        public int op() { return 34; }
    }

    /** A directory in root, parents included. */
    record Mkdir(String description, String path) implements Step {
        public int op() { return 35; }
    }
}

package dev.hull.runtime.init;

/** A message from hull-init on the control channel (docs/plan-format.md). */
public sealed interface InitMessage {

    /** The cloned process, in the caller's pid namespace. */
    record Pid(int pid) implements InitMessage { }

    /** A step failed; the message already names the step and the reason. */
    record Error(int errno, String message) implements InitMessage { }

    /** The child waits at a sync point for {@code CONTINUE}. */
    record Sync(int point) implements InitMessage { }

    /** The child is set up and waits for the start signal. */
    record Ready() implements InitMessage { }

    /** The cloned process ended (launcher in WAIT mode); raw wait status. */
    record Exit(int rawStatus) implements InitMessage {
        public int shellStatus() {
            int sig = rawStatus & 0x7f;
            return sig == 0 ? (rawStatus >> 8) & 0xff : 128 + sig;
        }
    }

    /** Every holder of the other end closed it (exec, exit or crash). */
    record Closed() implements InitMessage { }
}

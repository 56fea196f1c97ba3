package dev.hull.runtime.cli;

import dev.hull.sys.Libc;
import sun.misc.Signal;

import java.util.function.IntSupplier;

/**
 * In the foreground (run, exec), signals sent to hull-runtime are passed on to the
 * container's process, as runc does, instead of ending the JVM.
 */
final class SignalForwarder {

    private static final String[] FORWARDED = {"INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "WINCH"};

    private SignalForwarder() {
    }

    static void install(IntSupplier pid) {
        int target = pid.getAsInt();
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), s -> {
                    try {
                        Libc.kill(target, s.getNumber());
                    } catch (RuntimeException ignored) {
                        // the process is gone; its exit status arrives on its own
                    }
                });
            } catch (IllegalArgumentException ignored) {
                // the JVM reserves this signal (QUIT with some options): leave it alone
            }
        }
    }
}

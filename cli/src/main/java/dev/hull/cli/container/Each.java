package dev.hull.cli.container;

import java.util.List;
import java.util.function.Consumer;

/**
 * docker's way with several containers: act on each, print its name as given when
 * it worked, an error line when it did not, and exit 1 if any failed.
 */
final class Each {

    private Each() {
    }

    static int container(List<String> refs, Consumer<String> action) {
        int status = 0;
        for (String ref : refs) {
            try {
                action.accept(ref);
                System.out.println(ref);
            } catch (RuntimeException e) {
                System.out.flush();
                System.err.println("Error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}

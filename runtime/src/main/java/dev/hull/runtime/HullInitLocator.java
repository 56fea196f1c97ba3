package dev.hull.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the hull-init executable: the {@code hull.init} system property, the
 * {@code HULL_INIT} environment variable, or the build output next to this jar
 * (runtime/target/*.jar → hull-init/target/hull-init).
 */
public final class HullInitLocator {

    private HullInitLocator() {
    }

    public static Path locate() {
        String prop = System.getProperty("hull.init");
        if (prop != null && !prop.isEmpty()) {
            return Path.of(prop);
        }
        String env = System.getenv("HULL_INIT");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        try {
            Path code = Path.of(HullInitLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                Path candidate = p.resolve("hull-init/target/hull-init");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the error below
        }
        throw new ContainerException("hull-init not found: set HULL_INIT or build it with mvn package");
    }
}

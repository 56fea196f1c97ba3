package dev.hull.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compile time of a Docker-sized default profile, cold (fresh JVM) and warm. */
class SeccompCompileTimingTest {

    @BeforeAll
    static void available() {
        assumeTrue(LibSeccomp.isAvailable(), "libseccomp.so.2 is not installed");
    }

    @Test
    void dockerSizedProfileCompilesFast(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("profile.json");
        Profiles.JSON.writeValue(profile.toFile(), Profiles.dockerSized());
        Path small = dir.resolve("small.json");
        Profiles.JSON.writeValue(small.toFile(), Profiles.dockerLike());

        ChildJvm.Output big = ChildJvm.run(SeccompTimingChild.class, profile.toString(), "30", "50");
        ChildJvm.Output little = ChildJvm.run(SeccompTimingChild.class, small.toString(), "30", "50");
        assertThat(big.exit()).as(big.toString()).isZero();
        assertThat(little.exit()).as(little.toString()).isZero();
        System.out.println("seccomp compile, docker-sized profile (" + Profiles.nameCount(Profiles.dockerSized())
                + " names): " + big.values());
        System.out.println("seccomp compile, docker-like test profile (" + Profiles.nameCount(Profiles.dockerLike())
                + " names): " + little.values());

        // generous bounds: the point is "a few ms", not a benchmark
        assertThat(Double.parseDouble(big.get("warm_median_ms"))).isLessThan(100);
        assertThat(Double.parseDouble(big.get("cold_ms"))).isLessThan(10_000); // a loaded 2-CPU machine
    }
}

package dev.hull.runtime.monitor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorOptionsTest {

    private static final Path BIN = Path.of("/opt/hull/hull-monitor");

    @Test
    void theCommandLineEndsWithTheHullInitItStarts() {
        MonitorOptions m = new MonitorOptions(BIN, Path.of("/run/c/1"), Path.of("/var/log/c.log"), 1000, 3, true,
                true, List.of("/usr/bin/hull", "container", "cleanup", "1"));
        assertThat(m.argv(Path.of("/opt/hull/hull-init"), 7)).containsExactly("hull-monitor", "-d", "/run/c/1",
                "-l", "/var/log/c.log", "-s", "1000", "-n", "3", "-t", "-i",
                "-x", "/usr/bin/hull", "-x", "container", "-x", "cleanup", "-x", "1",
                "--", "/opt/hull/hull-init", "7");
        assertThat(m.pidFile()).isEqualTo(Path.of("/run/c/1/pid"));
        assertThat(m.exitFile()).isEqualTo(Path.of("/run/c/1/exit.json"));
    }

    @Test
    void withoutALogOrTerminalOnlyTheDirectoryIsPassed() {
        MonitorOptions m = new MonitorOptions(BIN, Path.of("/run/c/2"), null, 0, 1, false, false, List.of());
        assertThat(m.argv(Path.of("/hi"), 3)).containsExactly("hull-monitor", "-d", "/run/c/2", "--", "/hi", "3");
    }

    @Test
    void relativePathsAndImpossibleRotationAreRefused() {
        assertThatThrownBy(() -> new MonitorOptions(BIN, Path.of("rel"), null, 0, 1, false, false, List.of()))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> new MonitorOptions(BIN, Path.of("/d"), Path.of("log"), 0, 1, false, false,
                List.of())).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new MonitorOptions(BIN, Path.of("/d"), null, -1, 1, false, false, List.of()))
                .hasMessageContaining("max-size -1");
        assertThatThrownBy(() -> new MonitorOptions(BIN, Path.of("/d"), null, 0, 0, false, false, List.of()))
                .hasMessageContaining("max-file 0");
    }

    @Test
    void theMonitorIsFoundNextToHullInit() {
        assertThat(MonitorOptions.locate(Path.of("/opt/hull/hull-init"))).isEqualTo(BIN);
    }
}

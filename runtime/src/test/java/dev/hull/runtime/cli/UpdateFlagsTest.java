package dev.hull.runtime.cli;

import dev.hull.runtime.ContainerException;
import dev.hull.runtime.spec.ByteSize;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value parsers of update and events. */
class UpdateFlagsTest {

    @Test
    void sizesArePowersOf1024() {
        assertThat(ByteSize.parse("--memory", "1048576")).isEqualTo(1048576);
        assertThat(ByteSize.parse("--memory", "512k")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("--memory", "64m")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("--memory", "64MB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("--memory", "2GiB")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("--memory", "1.5g")).isEqualTo(3L << 29);
        assertThatThrownBy(() -> ByteSize.parse("--memory", "lots"))
                .hasMessage("invalid value for --memory: \"lots\" is not a size (examples: 1048576, 512k, 64m, 1g)");
        assertThatThrownBy(() -> ByteSize.parse("--memory", "-5m")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSize.parse("--memory", "99999999p")).hasMessageContaining("too large");
    }

    @Test
    void intervalsAreGoDurations() {
        assertThat(EventsCommand.parseInterval("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(EventsCommand.parseInterval("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(EventsCommand.parseInterval("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(EventsCommand.parseInterval("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> EventsCommand.parseInterval("0s")).isInstanceOf(ContainerException.class)
                .hasMessage("duration interval must be greater than 0");
        assertThatThrownBy(() -> EventsCommand.parseInterval("soon")).hasMessageContaining("--interval");
        assertThatThrownBy(() -> EventsCommand.parseInterval("5")).hasMessageContaining("--interval");
    }
}

package dev.hull.runtime.cgroup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2ConversionsTest {

    @Test
    void cpuSharesMapOntoCpuWeightEndToEndAndDefaultToDefault() {
        assertThat(V2Conversions.cpuWeight(0)).isZero(); // unset
        assertThat(V2Conversions.cpuWeight(1)).isEqualTo(1);
        assertThat(V2Conversions.cpuWeight(2)).isEqualTo(1);
        assertThat(V2Conversions.cpuWeight(3)).isEqualTo(2);
        assertThat(V2Conversions.cpuWeight(512)).isEqualTo(59);
        assertThat(V2Conversions.cpuWeight(1024)).isEqualTo(100);
        assertThat(V2Conversions.cpuWeight(2048)).isEqualTo(174);
        assertThat(V2Conversions.cpuWeight(262_143)).isEqualTo(10_000);
        assertThat(V2Conversions.cpuWeight(262_144)).isEqualTo(10_000);
        assertThat(V2Conversions.cpuWeight(1_000_000)).isEqualTo(10_000);
    }

    @Test
    void cpuWeightGrowsWithShares() {
        long last = 0;
        for (long shares = 2; shares <= 262_144; shares += 97) {
            long w = V2Conversions.cpuWeight(shares);
            assertThat(w).isGreaterThanOrEqualTo(last).isBetween(1L, 10_000L);
            last = w;
        }
    }

    @Test
    void blkioWeightScalesLinearlyOntoIoWeight() {
        assertThat(V2Conversions.ioWeight(10)).isEqualTo(1);
        assertThat(V2Conversions.ioWeight(300)).isEqualTo(2930);
        assertThat(V2Conversions.ioWeight(500)).isEqualTo(4950);
        assertThat(V2Conversions.ioWeight(1000)).isEqualTo(10_000);
        assertThatThrownBy(() -> V2Conversions.ioWeight(9)).hasMessage("a block IO weight is between 10 and 1000");
        assertThatThrownBy(() -> V2Conversions.ioWeight(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void swapIsMemoryPlusSwapInTheConfigAndSwapAloneInTheKernel() {
        long m64 = 64L << 20;
        assertThat(V2Conversions.swapMax(128L << 20, m64)).isEqualTo(Long.toString(m64));
        assertThat(V2Conversions.swapMax(m64, m64)).isEqualTo("0"); // no swap at all
        assertThat(V2Conversions.swapMax(-1, m64)).isEqualTo("max");
        assertThat(V2Conversions.swapMax(0, m64)).isNull(); // left as it is
        assertThat(V2Conversions.swapMax(0, 0)).isNull();
        assertThat(V2Conversions.swapMax(0, -1)).isEqualTo("max"); // unlimited memory lifts swap too
        assertThat(V2Conversions.swapMax(300, -1)).isEqualTo("300");
        assertThat(V2Conversions.swapMax(-1, 0)).isEqualTo("max");
        assertThatThrownBy(() -> V2Conversions.swapMax(m64, 0)).hasMessageContaining("needs linux.resources.memory.limit");
        assertThatThrownBy(() -> V2Conversions.swapMax(m64 - 1, m64))
                .hasMessageContaining("must not be below linux.resources.memory.limit 67108864");
    }

    @Test
    void quotasRatesAndLimits() {
        assertThat(V2Conversions.cpuQuota(50_000)).isEqualTo("50000");
        assertThat(V2Conversions.cpuQuota(-1)).isEqualTo("max");
        assertThat(V2Conversions.ioRate("0")).isEqualTo("max");
        assertThat(V2Conversions.ioRate("1048576")).isEqualTo("1048576");
        assertThat(V2Conversions.limit(-1)).isEqualTo("max");
        assertThat(V2Conversions.limit(10)).isEqualTo("10");
    }
}

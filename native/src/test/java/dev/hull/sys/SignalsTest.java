package dev.hull.sys;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalsTest {
    @ParameterizedTest
    @CsvSource({
            "KILL, 9", "SIGKILL, 9", "kill, 9", "SigKill, 9", "9, 9",
            "TERM, 15", "HUP, 1", "INT, 2", "USR1, 10", "USR2, 12", "CHLD, 17", "CLD, 17",
            "CONT, 18", "STOP, 19", "WINCH, 28", "ABRT, 6", "IOT, 6", "IO, 29", "POLL, 29",
            "PWR, 30", "STKFLT, 16", "SYS, 31",
            "RTMIN, 34", "RTMIN+3, 37", "SIGRTMIN+0, 34", "sigrtmin+30, 64",
            "RTMAX, 64", "SIGRTMAX-2, 62", "RTMAX-30, 34", "1, 1", "64, 64", "32, 32"})
    void parses(String text, int expected) {
        assertThat(Signals.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "SIGFOO", "", "0", "65", "100", "-1", "+9", "RTMIN+31", "RTMAX-31",
            "RTMIN-1", "RTMAX+1", "RTMIN+", "RTMIN+x", "SIG", "KILL ", "9999999999"})
    void rejects(String text) {
        assertThatThrownBy(() -> Signals.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown signal \"" + text + "\"");
    }

    @Test
    void names() {
        assertThat(Signals.name(15)).isEqualTo("SIGTERM");
        assertThat(Signals.name(9)).isEqualTo("SIGKILL");
        assertThat(Signals.name(6)).isEqualTo("SIGABRT");
        assertThat(Signals.name(17)).isEqualTo("SIGCHLD");
        assertThat(Signals.name(29)).isEqualTo("SIGIO");
        assertThat(Signals.name(34)).isEqualTo("SIGRTMIN");
        assertThat(Signals.name(35)).isEqualTo("SIGRTMIN+1");
        assertThat(Signals.name(50)).isEqualTo("SIGRTMAX-14");
        assertThat(Signals.name(64)).isEqualTo("SIGRTMAX");
        assertThat(Signals.name(32)).isEqualTo("SIG32");
    }

    @Test
    void everyNameParsesBackToItsNumber() {
        for (int sig = 1; sig <= 64; sig++) {
            if (sig == 32 || sig == 33) {
                continue;
            }
            assertThat(Signals.parse(Signals.name(sig))).as(Signals.name(sig)).isEqualTo(sig);
        }
    }

    @Test
    void constants() {
        assertThat(new int[] {Signals.SIGHUP, Signals.SIGINT, Signals.SIGKILL, Signals.SIGUSR1, Signals.SIGUSR2,
                Signals.SIGTERM, Signals.SIGCHLD, Signals.SIGCONT, Signals.SIGSTOP, Signals.SIGWINCH})
                .containsExactly(1, 2, 9, 10, 12, 15, 17, 18, 19, 28);
    }
}

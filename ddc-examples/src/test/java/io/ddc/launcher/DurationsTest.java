package io.ddc.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's duration grammar: what is read, what is refused and why, and the round trip. */
final class DurationsTest {
    private static final String NOT_A_DURATION = " is not a duration: write a whole number and a unit (ms, s, m, h),"
            + " such as 500ms, 30s, 5m, 1h or 1h30m";

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "30s, 30000",
        "5m, 300000",
        "1h, 3600000",
        "1h30m, 5400000",
        "2m30s, 150000",
        "1s500ms, 1500",
        "1h2m3s4ms, 3723004",
        "0s, 0",
        "0ms, 0",
        "90s, 90000",
        "007s, 7000",
        "87600h, 315360000000",
        "000000000000000000001ms, 1"})
    void parse_readsEachUnitAndCombinations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "ms", "1.5h", "1,5h", "5 m", " 5m", "5m ", "5M", "5S", "5MS", "1d", "1w",
        "-5s", "+5s", "5sec", "5mins", "5x", "1h-30m", "1h 30m", "m5", "5ms5", "1hm", "1_000ms", "５s"})
    void parse_refusesWhatIsNotInTheGrammar(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "'" + NOT_A_DURATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30m1h", "1s1m", "1m1m", "5ms1s", "1h1h"})
    void parse_refusesUnitsOutOfOrderOrTwice(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration: write each unit once, from the largest to the smallest"
                        + " (h, m, s, ms), such as 1h30m or 2m30s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"87601h", "87600h1ms", "5256001m", "99999999999999999999s", "9223372036854775807ms",
        "1000000000000h"})
    void parse_refusesMoreThanTenYears_withoutOverflowing(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too long: a duration is at most 87600h (10 years)");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "500, 500ms",
        "1000, 1s",
        "1500, 1s500ms",
        "60000, 1m",
        "90000, 1m30s",
        "3600000, 1h",
        "5400000, 1h30m",
        "3723004, 1h2m3s4ms",
        "360000000, 100h"})
    void format_writesTheLargestUnitsFirst_andParsesBack(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void format_leavesOutWhatIsBelowAMillisecond() {
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1ms");
    }

    @Test
    void format_refusesANegativeDuration() {
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative, got PT-1S");
    }
}

package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TraceLineTest {
    private static final String GOLDEN = "1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,|";

    /** JUnit makes one instance per test, so this is the locale from before the test. */
    private final Locale defaultLocale = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(defaultLocale);
    }

    private static TraceLine golden() {
        return new TraceLine(1_081_948_390L, Duration.ofMillis(381_900), List.of("m01", "m02"), List.of(),
                List.of("m12"));
    }

    /** A line with {@code succeeded} of {@code total} targets, all others failed. */
    private static TraceLine ofCounts(int succeeded, int total) {
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            (i < succeeded ? ok : failed).add("m" + i);
        }
        return new TraceLine(1, Duration.ZERO, ok, failed, List.of());
    }

    private static String percentField(TraceLine line) {
        return line.format().split("\\|")[4];
    }

    private static String secondsField(long millis) {
        return new TraceLine(1, Duration.ofMillis(millis), List.of("m01"), List.of(), List.of()).format().split("\\|")[5];
    }

    private static void assertDamaged(String line, String message) {
        assertThatThrownBy(() -> TraceLine.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void format_goldenLine() {
        assertThat(golden().format()).isEqualTo(GOLDEN);
        assertThat(golden()).hasToString(GOLDEN);
    }

    @Test
    void format_specExample() {
        List<String> succeeded = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            succeeded.add(String.format(Locale.ROOT, "s%03d", i));
        }
        List<String> unavailable = new ArrayList<>();
        for (int i = 1; i <= 49; i++) {
            unavailable.add(String.format(Locale.ROOT, "u%02d", i));
        }

        String line = new TraceLine(1_081_948_390L, Duration.ofMillis(381_900), succeeded, List.of(), unavailable)
                .format();

        assertThat(line).startsWith("1081948390|120|0|49|71.0|381.9|s001,s002,").contains(",s120,| |u01,").endsWith(",u49,|");
    }

    @ParameterizedTest
    @CsvSource({
        "2, 3, 66.7",
        "1, 8, 12.5",
        "1, 6, 16.7",
        "1, 3, 33.3",
        "1, 16, 6.3",
        "1, 80, 1.3",
        "1, 2000, 0.1",
        "1, 2001, 0.0",
        "1999, 2000, 100.0",
        "3, 3, 100.0",
        "0, 5, 0.0",
        "120, 169, 71.0"
    })
    void format_percent_isRoundedHalfUpToOneDecimal(int succeeded, int total, String expected) {
        assertThat(percentField(ofCounts(succeeded, total))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "381949, 381.9",
        "381950, 382.0",
        "0, 0.0",
        "49, 0.0",
        "50, 0.1",
        "999, 1.0",
        "1000, 1.0",
        "59950, 60.0",
        "86400000, 86400.0"
    })
    void format_seconds_areRoundedHalfUpToOneDecimal(long millis, String expected) {
        assertThat(secondsField(millis)).isEqualTo(expected);
    }

    @Test
    void format_secondsIgnoreNanosBelowAMillisecond() {
        TraceLine line = new TraceLine(1, Duration.ofNanos(381_949_999_999L), List.of("m01"), List.of(), List.of());

        assertThat(line.format()).isEqualTo("1|1|0|0|100.0|381.9|m01,| | |");
    }

    @Test
    void format_emptyListsAreASingleSpace() {
        TraceLine line = new TraceLine(7, Duration.ofMillis(1200), List.of(), List.of("m02"), List.of());

        assertThat(line.format()).isEqualTo("7|0|1|0|0.0|1.2| |m02,| |");
    }

    @Test
    void format_zeroTotal_givesZeroPercent() {
        TraceLine line = new TraceLine(7, Duration.ZERO, List.of(), List.of(), List.of());

        assertThat(line.format()).isEqualTo("7|0|0|0|0.0|0.0| | | |");
        assertThat(line.total()).isZero();
        assertThat(line.percentSucceeded()).isZero();
    }

    @Test
    void format_isLocaleIndependent() {
        Locale.setDefault(Locale.GERMANY);
        assertThat(golden().format()).isEqualTo(GOLDEN);

        Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
        assertThat(golden().format()).isEqualTo(GOLDEN);
        assertThat(ofCounts(1, 8).format()).isEqualTo("1|1|7|0|12.5|0.0|m0,|m1,m2,m3,m4,m5,m6,m7,| |");
    }

    @Test
    void parse_isLocaleIndependent() {
        Locale.setDefault(Locale.GERMANY);

        assertThat(TraceLine.parse(GOLDEN)).isEqualTo(golden());
    }

    @Test
    void parse_goldenLine() {
        TraceLine line = TraceLine.parse(GOLDEN);

        assertThat(line.iterationId()).isEqualTo(1_081_948_390L);
        assertThat(line.elapsed()).isEqualTo(Duration.ofMillis(381_900));
        assertThat(line.succeeded()).containsExactly("m01", "m02");
        assertThat(line.failed()).isEmpty();
        assertThat(line.unavailable()).containsExactly("m12");
        assertThat(line.total()).isEqualTo(3);
        assertThat(line.percentSucceeded()).isEqualTo(200.0 / 3);
    }

    @Test
    void parse_format_roundTrip() {
        List<TraceLine> lines = List.of(
                golden(),
                new TraceLine(0, Duration.ZERO, List.of(), List.of(), List.of()),
                new TraceLine(1_700_000_000L, Duration.ofMillis(100), List.of("fe80::1", "10.0.0.7"), List.of("m01"),
                        List.of()),
                ofCounts(1, 6),
                ofCounts(0, 4),
                new TraceLine(999_999_999_999_999_999L, Duration.ofHours(30), List.of(), List.of(),
                        List.of("a", "b", "c")));

        for (TraceLine line : lines) {
            assertThat(TraceLine.parse(line.format())).isEqualTo(line);
            assertThat(TraceLine.parse(line.format()).format()).isEqualTo(line.format());
        }
    }

    @Test
    void parse_format_roundTrip_everyIterationIdTheConstructorAccepts() {
        for (long id : new long[] {-1, Long.MIN_VALUE, 1_000_000_000_000_000_000L, Long.MAX_VALUE}) {
            TraceLine line;
            try {
                line = new TraceLine(id, Duration.ZERO, List.of("m01"), List.of(), List.of());
            } catch (IllegalArgumentException refused) {
                continue;
            }
            assertThat(TraceLine.parse(line.format())).as("iteration id %d", id).isEqualTo(line);
        }
    }

    @Test
    void parse_roundsElapsedToTenthsOfASecond() {
        TraceLine line = new TraceLine(5, Duration.ofMillis(381_949), List.of("m01"), List.of(), List.of());

        assertThat(TraceLine.parse(line.format()).elapsed()).isEqualTo(Duration.ofMillis(381_900));
    }

    @Test
    void parse_missingFields_isRejected() {
        assertDamaged("", "trace line has 0 fields, expected 9");
        assertDamaged("1081948390", "trace line has 0 fields, expected 9");
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,", "trace line has 8 fields, expected 9");
        assertDamaged("1081948390|2|0|1|66.7|38", "trace line has 5 fields, expected 9");
    }

    @Test
    void parse_textAfterTheLastBar_isRejected() {
        assertDamaged(GOLDEN + "x", "trace line has text after its last '|'");
        assertDamaged(GOLDEN + "|", "trace line has text after its last '|'");
        assertDamaged(GOLDEN + "\r", "trace line has text after its last '|'");
    }

    @Test
    void parse_badIterationId_isRejected() {
        assertDamaged("abc|2|0|1|66.7|381.9|m01,m02,| |m12,|", "bad iteration id 'abc'");
        assertDamaged("-1|2|0|1|66.7|381.9|m01,m02,| |m12,|", "bad iteration id '-1'");
        assertDamaged("|2|0|1|66.7|381.9|m01,m02,| |m12,|", "bad iteration id ''");
        assertDamaged(" 1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,|", "bad iteration id ' 1081948390'");
        assertDamaged("12345678901234567890|2|0|1|66.7|381.9|m01,m02,| |m12,|",
                "bad iteration id '12345678901234567890'");
        assertDamaged("9223372036854775808|2|0|1|66.7|381.9|m01,m02,| |m12,|",
                "bad iteration id '9223372036854775808': too large");
    }

    @Test
    void parse_countNotMatchingItsList_isRejected() {
        assertDamaged("1081948390|3|0|1|66.7|381.9|m01,m02,| |m12,|", "trace line counts 3 succeeded but lists 2");
        assertDamaged("1081948390|2|1|1|66.7|381.9|m01,m02,| |m12,|", "trace line counts 1 failed but lists 0");
        assertDamaged("1081948390|2|0|0|66.7|381.9|m01,m02,| |m12,|", "trace line counts 0 unavailable but lists 1");
    }

    @Test
    void parse_nonNumericCount_isRejected() {
        assertDamaged("1081948390|two|0|1|66.7|381.9|m01,m02,| |m12,|", "bad #succeeded 'two'");
        assertDamaged("1081948390|2||1|66.7|381.9|m01,m02,| |m12,|", "bad #failed ''");
    }

    @Test
    void parse_percentNotMatchingTheLists_isRejected() {
        assertDamaged("1081948390|2|0|1|66.6|381.9|m01,m02,| |m12,|", "trace line says 66.6% succeeded, its lists give 66.7");
        assertDamaged("1081948390|2|0|1|100.0|381.9|m01,m02,| |m12,|",
                "trace line says 100.0% succeeded, its lists give 66.7");
        assertDamaged("1|0|0|0|100.0|0.0| | | |", "trace line says 100.0% succeeded, its lists give 0.0");
    }

    @Test
    void parse_missingDecimal_isRejected() {
        assertDamaged("1081948390|2|0|1|67|381.9|m01,m02,| |m12,|", "bad %succeeded '67': expected one decimal");
        assertDamaged("1081948390|2|0|1|66.67|381.9|m01,m02,| |m12,|", "bad %succeeded '66.67': expected one decimal");
        assertDamaged("1081948390|2|0|1|66,7|381.9|m01,m02,| |m12,|", "bad %succeeded '66,7': expected one decimal");
        assertDamaged("1081948390|2|0|1|66.7|381|m01,m02,| |m12,|", "bad seconds '381': expected one decimal");
        assertDamaged("1081948390|2|0|1|66.7|.9|m01,m02,| |m12,|", "bad seconds '.9': expected one decimal");
        assertDamaged("1081948390|2|0|1|66.7||m01,m02,| |m12,|", "bad seconds '': expected one decimal");
    }

    @Test
    void parse_nonNumericTenths_isRejected() {
        assertDamaged("1081948390|2|0|1|66.7|38x.9|m01,m02,| |m12,|", "bad seconds '38x'");
        assertDamaged("1081948390|2|0|1|66.7|381.x|m01,m02,| |m12,|", "bad seconds 'x'");
    }

    @Test
    void parse_listWithoutTrailingComma_isRejected() {
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,m02| |m12,|",
                "bad succeeded list 'm01,m02': expected names each followed by ',' or a single space");
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,m02,||m12,|",
                "bad failed list '': expected names each followed by ',' or a single space");
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,m02,|  |m12,|",
                "bad failed list '  ': expected names each followed by ',' or a single space");
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,m02,| |m12|",
                "bad unavailable list 'm12': expected names each followed by ',' or a single space");
    }

    @Test
    void parse_emptyName_isRejected() {
        assertDamaged("1081948390|2|0|1|66.7|381.9|m01,,| |m12,|", "bad succeeded list 'm01,,': empty name");
        assertDamaged("1081948390|2|0|0|100.0|381.9|,,| | |", "bad succeeded list ',,': empty name");
        assertDamaged("1081948390|0|0|1|0.0|381.9| | |,|", "bad unavailable list ',': empty name");
    }

    @Test
    void parse_nameWithASpace_isRejected() {
        assertDamaged("1|1|0|0|100.0|0.0|m 01,| | |", "bad name in the succeeded list: 'm 01'");
    }

    @Test
    void constructor_badName_isRejected() {
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of("m01", ""), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the succeeded list: ''");
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of(), List.of("a,b"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the failed list: 'a,b'");
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of(), List.of(), List.of("a|b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the unavailable list: 'a|b'");
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of("a b"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the succeeded list: 'a b'");
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of("a\nb"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the succeeded list: 'a\nb'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\rb", "a\u000Bb", "a\u00A0b"})
    void constructor_nameWithOtherWhitespace_isRejected(String name) {
        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, List.of(name), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad name in the succeeded list: ");
    }

    @Test
    void constructor_negativeElapsed_isRejected() {
        assertThatThrownBy(() -> new TraceLine(1, Duration.ofSeconds(-1), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elapsed must not be negative, got PT-1S");
    }

    @Test
    void constructor_copiesTheLists() {
        List<String> succeeded = new ArrayList<>(List.of("m01"));
        TraceLine line = new TraceLine(1, Duration.ZERO, succeeded, List.of(), List.of());

        succeeded.add("m02");

        assertThat(line.succeeded()).containsExactly("m01");
        assertThatThrownBy(() -> line.succeeded().add("m03")).isInstanceOf(UnsupportedOperationException.class);
    }
}

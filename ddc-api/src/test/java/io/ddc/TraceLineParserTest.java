package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TraceLineParserTest {
    /** Names of every kind the parser tells apart: lengths around its word sizes, outside ASCII, with '?'. */
    private static final List<String> NAMES = List.of(
            "m", "m01", "m02", "m12", "lab-pc001", "lab-pc002", "lab-pc1000",
            "12345678", "123456789", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
            "cluster-example-node-001", "cluster-example-node-002", "node-01.cluster.example.org",
            "pc-é", "ÿþ", "机器1", "机器2", "pc?", "?", "fe80::1", "10.0.0.7");

    /** Names with a character outside the Basic Multilingual Plane: two chars. */
    private static final List<String> EMOJI_NAMES = List.of("😀pc", "pc😀");

    private static final String GOLDEN = "1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,|";

    private final TraceLine.Parser parser = TraceLine.parser();

    private static TraceLine line(long id, List<String> succeeded, List<String> failed, List<String> unavailable) {
        return new TraceLine(id, Duration.ofMillis(100L * (id % 10_000)), succeeded, failed, unavailable);
    }

    private static TraceLine randomLine(Random random, long id) {
        List<String> pool = new ArrayList<>(NAMES);
        pool.addAll(EMOJI_NAMES);
        Collections.shuffle(pool, random);
        List<List<String>> lists = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String name : pool.subList(0, random.nextInt(pool.size() + 1))) {
            lists.get(random.nextInt(3)).add(name);
        }
        return line(id, lists.get(0), lists.get(1), lists.get(2));
    }

    @Test
    void parse_format_roundTrip_randomLines() {
        Random random = new Random(42);
        for (long id = 0; id < 2_000; id++) {
            TraceLine line = randomLine(random, id);

            assertThat(parser.parse(line.format())).as(line.format()).isEqualTo(line);
            assertThat(TraceLine.parse(line.format())).as(line.format()).isEqualTo(line);
        }
    }

    @Test
    void parse_format_roundTrip_emptyListsAndEveryKindOfName() {
        List<TraceLine> lines = List.of(
                line(1, List.of(), List.of(), List.of()),
                line(2, NAMES, List.of(), List.of()),
                line(3, List.of(), NAMES, List.of()),
                line(4, List.of(), List.of(), NAMES),
                line(5, List.of("pc-é", "机器1"), List.of(), EMOJI_NAMES));

        for (TraceLine line : lines) {
            assertThat(parser.parse(line.format())).isEqualTo(line);
            assertThat(parser.parse(line.format()).format()).isEqualTo(line.format());
        }
    }

    @Test
    void parse_namesThatDifferOnlyInTheirLastCharacterOrTheirLength_areTheirOwn() {
        List<String> names = List.of("lab-pc001", "lab-pc002", "lab-pc00", "lab-pc0010", "lab-pc00é", "lab-pc00机",
                "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr", "a", "ab");
        parser.parse(line(1, names, List.of(), List.of()).format());

        for (int i = 0; i < names.size(); i++) {
            List<String> shuffled = new ArrayList<>(names);
            Collections.rotate(shuffled, i);
            TraceLine line = line(2 + i, shuffled.subList(0, 5), shuffled.subList(5, 6), shuffled.subList(6, 12));

            assertThat(parser.parse(line.format())).isEqualTo(line);
        }
    }

    @Test
    void parse_aNameShorterThanTheLastOnes_isReadWhole() {
        parser.parse("1|1|0|0|100.0|0.0|abc,| | |");

        assertThat(parser.parse("1|2|0|0|100.0|0.0|ab,cd,| | |").succeeded()).containsExactly("ab", "cd");
        assertThat(parser.parse("1|1|0|0|100.0|0.0|abcd,| | |").succeeded()).containsExactly("abcd");
        assertThat(parser.parse("1|3|0|0|100.0|0.0|a,b,c,| | |").succeeded()).containsExactly("a", "b", "c");
    }

    /** Regression: the zero-padded words of "lab-pc00\0" were those of "lab-pc00", which was returned. */
    @Test
    void parse_aKnownNameFollowedByANul_isANewNameAndRejected() {
        parser.parse("1|3|0|0|100.0|0.0|m,lab-pc00,abcdefghijklmno,| | |");

        for (String name : List.of("m\u0000", "lab-pc00\u0000", "lab-pc00\u0000\u0000", "abcdefghijklmno\u0000")) {
            assertRejected(() -> parser.parse("1|1|0|0|100.0|0.0|" + name + ",| | |"),
                    "bad name in the succeeded list: '" + name + "'");
            assertRejected(() -> parser.parse("1|2|0|0|100.0|0.0|lab-pc00," + name + ",| | |"),
                    "bad name in the succeeded list: '" + name + "'");
        }
    }

    @Test
    void parse_sharesOneStringPerNameAcrossLinesAndLists() {
        TraceLine first = parser.parse(line(1, NAMES, List.of(), List.of()).format());
        List<String> reversed = new ArrayList<>(NAMES);
        Collections.reverse(reversed);
        TraceLine second = parser.parse(line(2, List.of(), reversed.subList(0, 10), reversed.subList(10, NAMES.size()))
                .format());

        for (String name : NAMES) {
            String inSecond = second.failed().contains(name)
                    ? second.failed().get(second.failed().indexOf(name))
                    : second.unavailable().get(second.unavailable().indexOf(name));
            assertThat(inSecond).as(name).isSameAs(first.succeeded().get(NAMES.indexOf(name)));
        }
    }

    @Test
    void parse_sharesNamesWithALineWhoseCharactersAreNotAllInTheBasicMultilingualPlane() {
        TraceLine plain = parser.parse("1|3|0|0|100.0|0.0|m01,pc-é,机器1,| | |");
        TraceLine withEmoji = parser.parse("2|3|0|1|75.0|0.0|m01,pc-é,机器1,| |😀pc,|");

        for (int i = 0; i < 3; i++) {
            assertThat(withEmoji.succeeded().get(i)).isSameAs(plain.succeeded().get(i));
        }
    }

    @Test
    void parse_staticParse_sharesNothing() {
        assertThat(TraceLine.parse(GOLDEN).succeeded().get(0)).isNotSameAs(TraceLine.parse(GOLDEN).succeeded().get(0));
    }

    /** Every way a line can be damaged, with the message the parser has always given. */
    static Stream<Arguments> damagedLines() {
        return Stream.of(
                Arguments.of("", "trace line has 0 fields, expected 9"),
                Arguments.of("1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,", "trace line has 8 fields, expected 9"),
                Arguments.of(GOLDEN + "x", "trace line has text after its last '|'"),
                Arguments.of(GOLDEN + "\r", "trace line has text after its last '|'"),
                Arguments.of("-1|2|0|1|66.7|381.9|m01,m02,| |m12,|", "bad iteration id '-1'"),
                Arguments.of("12345678901234567890|2|0|1|66.7|381.9|m01,m02,| |m12,|",
                        "bad iteration id '12345678901234567890'"),
                Arguments.of("9223372036854775808|2|0|1|66.7|381.9|m01,m02,| |m12,|",
                        "bad iteration id '9223372036854775808': too large"),
                Arguments.of("1081948390|3|0|1|66.7|381.9|m01,m02,| |m12,|",
                        "trace line counts 3 succeeded but lists 2"),
                Arguments.of("1081948390|2|0|0|66.7|381.9|m01,m02,| |m12,|",
                        "trace line counts 0 unavailable but lists 1"),
                Arguments.of("1081948390|two|0|1|66.7|381.9|m01,m02,| |m12,|", "bad #succeeded 'two'"),
                Arguments.of("1081948390|2||1|66.7|381.9|m01,m02,| |m12,|", "bad #failed ''"),
                Arguments.of("1081948390|2|0|1|66.6|381.9|m01,m02,| |m12,|",
                        "trace line says 66.6% succeeded, its lists give 66.7"),
                Arguments.of("1081948390|2|0|1|66.67|381.9|m01,m02,| |m12,|",
                        "bad %succeeded '66.67': expected one decimal"),
                Arguments.of("1081948390|2|0|1|66.7|.9|m01,m02,| |m12,|", "bad seconds '.9': expected one decimal"),
                Arguments.of("1081948390|2|0|1|66.7|38x.9|m01,m02,| |m12,|", "bad seconds '38x'"),
                Arguments.of("1081948390|2|0|1|66.7|381.x|m01,m02,| |m12,|", "bad seconds 'x'"),
                Arguments.of("1081948390|2|0|1|66.7|381.9|m01,m02| |m12,|",
                        "bad succeeded list 'm01,m02': expected names each followed by ',' or a single space"),
                Arguments.of("1081948390|2|0|1|66.7|381.9|m01,m02,||m12,|",
                        "bad failed list '': expected names each followed by ',' or a single space"),
                Arguments.of("1081948390|2|0|1|66.7|381.9|m01,m02,|  |m12,|",
                        "bad failed list '  ': expected names each followed by ',' or a single space"),
                Arguments.of("1081948390|2|0|1|66.7|381.9|m01,,| |m12,|", "bad succeeded list 'm01,,': empty name"),
                Arguments.of("1081948390|0|0|1|0.0|381.9| | |,|", "bad unavailable list ',': empty name"),
                Arguments.of("1|1|0|0|100.0|0.0|m 01,| | |", "bad name in the succeeded list: 'm 01'"),
                Arguments.of("1|1|0|0|100.0|0.0|m01 ,| | |", "bad name in the succeeded list: 'm01 '"),
                Arguments.of("1|1|0|0|100.0|0.0|m0\u00A0,| | |", "bad name in the succeeded list: 'm0\u00A0'"),
                Arguments.of("1|0|1|0|0.0|0.0| |m0\u2028,| |", "bad name in the failed list: 'm0\u2028'"),
                Arguments.of("1|0|0|1|0.0|0.0| | |lab-pc00\t,|", "bad name in the unavailable list: 'lab-pc00\t'"),
                Arguments.of("1|1|0|0|100.0|0.0|机器\u3000,| | |", "bad name in the succeeded list: '机器\u3000'"),
                Arguments.of("1|1|0|0|100.0|0.0|cluster-example-node-00\u0085,| | |",
                        "bad name in the succeeded list: 'cluster-example-node-00\u0085'"),
                // the counts are checked before the names, the succeeded list's names before the failed one's
                Arguments.of("1|2|0|0|100.0|0.0|m 01,| | |", "trace line counts 2 succeeded but lists 1"),
                Arguments.of("1|1|1|0|50.0|0.0|m01,m 02,|m 03,| |", "trace line counts 1 succeeded but lists 2"),
                Arguments.of("1|2|1|0|66.7|0.0|m01,m 02,|m 03,| |", "bad name in the succeeded list: 'm 02'"),
                Arguments.of("1|2|1|0|66.7|0.0|m01,m02,|m 03,| |", "bad name in the failed list: 'm 03'"),
                // an empty name is found while splitting, before any bad name
                Arguments.of("1|2|1|0|66.7|0.0|m 01,m02,|m03,,| |", "bad failed list 'm03,,': empty name"),
                Arguments.of("1|2|0|0|100.0|0.0|m 01,,| | |", "bad succeeded list 'm 01,,': empty name"));
    }

    @ParameterizedTest
    @MethodSource("damagedLines")
    void parse_damagedLine_isRejectedWithTheSameMessage(String line, String message) {
        assertRejected(() -> parser.parse(line), message);
        assertRejected(() -> TraceLine.parse(line), message);
    }

    @ParameterizedTest
    @MethodSource("damagedLines")
    void parse_damagedLine_isRejectedWithTheSameMessage_afterItsNamesWereRead(String line, String message) {
        parser.parse("1|7|0|0|100.0|0.0|m01,m02,m12,m03,lab-pc001,cluster-example-node-001,机器1,| | |");
        parser.parse(GOLDEN);

        assertRejected(() -> parser.parse(line), message);
        // and the parser still works
        assertThat(parser.parse(GOLDEN)).isEqualTo(TraceLine.parse(GOLDEN));
    }

    private static void assertRejected(ThrowingCallable parse, String message) {
        assertThatThrownBy(parse).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\t", "\n", "\r", "\u000B", "\u0000", "\u0001", "\u001F", "\u007F", "\u0085",
        "\u009F", "\u00A0", "\u1680", "\u2007", "\u2028", "\u2029", "\u3000"})
    void parse_newNameWithASpaceOrAControlCharacter_isRejected(String bad) {
        parser.parse("1|2|0|0|100.0|0.0|m01,lab-pc001,| | |");

        for (String name : List.of(bad + "m01", "m" + bad + "1", "m0" + bad, "lab-pc00" + bad, bad)) {
            assertRejected(() -> parser.parse("1|1|0|0|100.0|0.0|" + name + ",| | |"),
                    "bad name in the succeeded list: '" + name + "'");
        }
    }

    /** Whatever the line, the parser does what the parser before the name sharing did, message included. */
    @Test
    void parse_mutatedLines_sameOutcomeAsTheReference() {
        Random random = new Random(7);
        String alphabet = "0123456789|,. ?\t\u0000\u007Féÿ\u00A0\u2028机😀\uD800mpc-";
        TraceLine.Parser another = TraceLine.parser();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(randomLine(random, i).format());
            for (int mutations = random.nextInt(3); mutations >= 0; mutations--) {
                int at = random.nextInt(text.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.replace(at, Math.min(at + 1, text.length()), String.valueOf(c));
                    default -> text.delete(at, Math.min(at + 1 + random.nextInt(3), text.length()));
                }
            }
            String line = text.toString();

            String expected = outcome(() -> ReferenceParser.parse(line));
            assertThat(outcome(() -> parser.parse(line))).as(line).isEqualTo(expected);
            assertThat(outcome(() -> another.parse(line))).as(line).isEqualTo(expected);
        }
    }

    private interface Parse {
        TraceLine parse();
    }

    private static String outcome(Parse parse) {
        try {
            TraceLine line = parse.parse();
            return "parsed " + line.iterationId() + " " + line.elapsed() + " " + line.succeeded() + " " + line.failed()
                    + " " + line.unavailable();
        } catch (IllegalArgumentException e) {
            return "rejected: " + e.getMessage();
        }
    }

    @Test
    void isListable_agreesWithTheCharacterChecks() {
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            boolean expected = !(c == ',' || c == '|' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c));

            assertThat(TraceLine.isListable(c)).as("U+%04X", i).isEqualTo(expected);
        }
    }

    @Test
    void parse_everyCharacterInANewName_isAcceptedOrRejectedAsByTheConstructor() {
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            String name = "m" + (char) i + "1";
            if (name.indexOf(',') >= 0 || name.indexOf('|') >= 0) {
                continue;
            }
            String line = "1|1|0|0|100.0|0.0|" + name + ",| | |";

            assertThat(outcome(() -> parser.parse(line))).as("U+%04X", i)
                    .isEqualTo(outcome(() -> new TraceLine(1, Duration.ZERO, List.of(name), List.of(), List.of())));
        }
    }

    @Test
    void parsedLine_equalsAndHashesLikeOneMadeOfListOf() {
        TraceLine parsed = parser.parse(GOLDEN);
        TraceLine made = new TraceLine(1_081_948_390L, Duration.ofMillis(381_900), List.of("m01", "m02"), List.of(),
                List.of("m12"));

        assertThat(parsed).isEqualTo(made).hasSameHashCodeAs(made);
        assertThat(made).isEqualTo(parsed);
        assertThat(parsed.succeeded()).isEqualTo(List.of("m01", "m02")).hasSameHashCodeAs(List.of("m01", "m02"))
                .hasToString("[m01, m02]");
        assertThat(List.of("m01", "m02")).isEqualTo(parsed.succeeded());
        assertThat(parsed.failed()).isEqualTo(List.of()).hasSameHashCodeAs(List.of());
        assertThat(parsed.succeeded()).isNotEqualTo(List.of("m01")).isNotEqualTo(List.of("m02", "m01"));
    }

    @Test
    void parsedLists_areImmutable() {
        TraceLine line = parser.parse(GOLDEN);

        assertImmutable(line.succeeded());
        assertImmutable(line.succeeded().subList(0, 1));
        assertImmutable(line.failed());
        assertThat(line.succeeded()).containsExactly("m01", "m02");
        assertThat(line.failed()).isEmpty();
        assertThatThrownBy(() -> line.succeeded().get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Every mutator refuses, even one that would change nothing, as those of {@code List.of} do. */
    private static void assertImmutable(List<String> list) {
        List<ThrowingCallable> mutations = new ArrayList<>(List.of(
                () -> list.add("x"),
                () -> list.add(0, "x"),
                () -> list.addAll(List.of("x")),
                () -> list.addAll(0, List.of("x")),
                () -> list.set(0, "x"),
                () -> list.remove(0),
                () -> list.remove("m01"),
                () -> list.removeAll(List.of("m01")),
                () -> list.retainAll(List.of()),
                () -> list.removeIf(name -> true),
                () -> list.replaceAll(name -> "x"),
                () -> list.sort(null),
                list::clear,
                () -> list.listIterator().add("x")));
        if (!list.isEmpty()) {
            mutations.add(() -> {
                var names = list.iterator();
                names.next();
                names.remove();
            });
        }
        for (ThrowingCallable mutation : mutations) {
            assertThatThrownBy(mutation).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void constructor_keepsTheListsOfAParsedLine_andCopiesAnyOther() {
        TraceLine parsed = parser.parse(GOLDEN);
        List<String> mutable = new ArrayList<>(List.of("m03"));
        List<String> part = parsed.succeeded().subList(0, 1);

        TraceLine made = new TraceLine(1, Duration.ZERO, parsed.succeeded(), mutable, part);
        mutable.add("m04");

        assertThat(made.succeeded()).isSameAs(parsed.succeeded());
        assertThat(made.failed()).containsExactly("m03");
        assertThat(made.unavailable()).isNotSameAs(part).containsExactly("m01");
        assertThatThrownBy(() -> made.failed().add("m05")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_stillChecksAListThatIsNotAParsedOne() {
        List<String> names = new ArrayList<>(parser.parse(GOLDEN).succeeded());
        names.add("m 03");

        assertThatThrownBy(() -> new TraceLine(1, Duration.ZERO, names, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad name in the succeeded list: 'm 03'");
    }

    @Test
    void parse_moreDistinctNamesThanItShares_stillParsesAndSharesTheFirstOnes() {
        int perLine = 1_000;
        int lines = TraceLine.MAX_SHARED_NAMES / perLine + 5;
        List<TraceLine> parsed = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            List<String> names = new ArrayList<>();
            for (int n = 0; n < perLine; n++) {
                names.add("n" + (i * perLine + n));
            }
            TraceLine line = line(i, names, List.of(), List.of());
            parsed.add(parser.parse(line.format()));
            assertThat(parsed.get(i)).isEqualTo(line);
        }

        TraceLine firstAgain = parser.parse(parsed.get(0).format());
        TraceLine lastAgain = parser.parse(parsed.get(lines - 1).format());

        for (int n = 0; n < perLine; n++) {
            assertThat(firstAgain.succeeded().get(n)).isSameAs(parsed.get(0).succeeded().get(n));
            assertThat(lastAgain.succeeded().get(n)).isEqualTo(parsed.get(lines - 1).succeeded().get(n))
                    .isNotSameAs(parsed.get(lines - 1).succeeded().get(n));
        }
    }

    /** The parser as it was before it shared names: substrings, then the constructor's checks. */
    private static final class ReferenceParser {
        private static TraceLine parse(String line) {
            String[] fields = new String[9];
            int start = 0;
            for (int i = 0; i < 9; i++) {
                int bar = line.indexOf('|', start);
                if (bar < 0) {
                    throw new IllegalArgumentException("trace line has " + i + " fields, expected 9");
                }
                fields[i] = line.substring(start, bar);
                start = bar + 1;
            }
            if (start != line.length()) {
                throw new IllegalArgumentException("trace line has text after its last '|'");
            }
            long id = parseNumber(fields[0], "iteration id");
            List<String> succeeded = parseList(fields[6], "succeeded");
            List<String> failed = parseList(fields[7], "failed");
            List<String> unavailable = parseList(fields[8], "unavailable");
            checkCount(fields[1], succeeded, "succeeded");
            checkCount(fields[2], failed, "failed");
            checkCount(fields[3], unavailable, "unavailable");
            long percent = parseTenths(fields[4], "%succeeded");
            int total = succeeded.size() + failed.size() + unavailable.size();
            long expectedPercent = total == 0 ? 0 : (2000L * succeeded.size() + total) / (2L * total);
            if (percent != expectedPercent) {
                throw new IllegalArgumentException("trace line says " + fields[4] + "% succeeded, its lists give "
                        + expectedPercent / 10 + "." + expectedPercent % 10);
            }
            long secondsTenths = parseTenths(fields[5], "seconds");
            return new TraceLine(id, Duration.ofMillis(secondsTenths * 100), succeeded, failed, unavailable);
        }

        private static long parseNumber(String field, String what) {
            if (field.isEmpty() || field.length() > 19) {
                throw new IllegalArgumentException("bad " + what + " '" + field + "'");
            }
            long value = 0;
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("bad " + what + " '" + field + "'");
                }
                value = value * 10 + (c - '0');
                if (value < 0) {
                    throw new IllegalArgumentException("bad " + what + " '" + field + "': too large");
                }
            }
            return value;
        }

        private static long parseTenths(String field, String what) {
            int dot = field.length() - 2;
            if (dot < 1 || field.charAt(dot) != '.') {
                throw new IllegalArgumentException("bad " + what + " '" + field + "': expected one decimal");
            }
            return parseNumber(field.substring(0, dot), what) * 10 + parseNumber(field.substring(dot + 1), what);
        }

        private static List<String> parseList(String field, String what) {
            if (field.equals(" ")) {
                return List.of();
            }
            if (field.isEmpty() || field.charAt(field.length() - 1) != ',') {
                throw new IllegalArgumentException("bad " + what + " list '" + field
                        + "': expected names each followed by ',' or a single space");
            }
            List<String> names = new ArrayList<>();
            int start = 0;
            while (start < field.length()) {
                int comma = field.indexOf(',', start);
                if (comma == start) {
                    throw new IllegalArgumentException("bad " + what + " list '" + field + "': empty name");
                }
                names.add(field.substring(start, comma));
                start = comma + 1;
            }
            return names;
        }

        private static void checkCount(String field, List<String> names, String what) {
            long count = parseNumber(field, "#" + what);
            if (count != names.size()) {
                throw new IllegalArgumentException("trace line counts " + count + " " + what + " but lists "
                        + names.size());
            }
        }
    }
}

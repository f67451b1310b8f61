package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class KeyValueParserTest {
    private static final KeyValueParser EQUALS = KeyValueParser.of('=');
    private static final KeyValueParser COLON = KeyValueParser.of(':');

    @Test
    void linesAreSplitAtTheFirstSeparatorAndTrimmed() {
        KeyValues values = EQUALS.parse("  name = web-01 \nurl=http://h/p?a=b\nempty=\n\tspaced\t=\t a b \t\n");

        assertThat(values.asMap()).containsExactly(Map.entry("name", "web-01"), Map.entry("url", "http://h/p?a=b"),
                Map.entry("empty", ""), Map.entry("spaced", "a b"));
        assertThat(values.problems()).isEmpty();
    }

    @Test
    void blankLinesAndCommentLinesAreSkipped_aCommentCharacterInsideAValueIsKept() {
        KeyValues values = EQUALS.parse("# a comment\n\n   \n  # indented comment\nsession=rdp-tcp#0\n");

        assertThat(values.entries()).containsExactly(new KeyValue("session", "rdp-tcp#0", 5));
        assertThat(values.problems()).isEmpty();
    }

    @Test
    void colonSeparatedLinesLikeProcMeminfo() {
        KeyValues memory = COLON.parse("MemTotal:       16115528 kB\nMemFree:         8577628 kB\nHugePages_Total:       0\n");

        assertThat(memory.longValue("MemTotal")).hasValue(16_115_528);
        assertThat(memory.text("MemFree")).hasValue("8577628 kB");
        assertThat(memory.longValue("HugePages_Total")).hasValue(0);
        assertThat(memory.keys()).containsExactly("MemTotal", "MemFree", "HugePages_Total");
    }

    @Test
    void aRepeatedKeyKeepsEveryEntry_lookupsGiveTheLast_keysKeepTheirFirstPlace() {
        KeyValues values = EQUALS.parse("a=1\nb=2\na=3\nc=4\na=5\n");

        assertThat(values.text("a")).hasValue("5");
        assertThat(values.all("a")).containsExactly("1", "3", "5");
        assertThat(values.all("zzz")).isEmpty();
        assertThat(values.keys()).containsExactly("a", "b", "c");
        assertThat(values.asMap()).containsExactly(Map.entry("a", "5"), Map.entry("b", "2"), Map.entry("c", "4"));
        assertThat(values.entries()).extracting(KeyValue::line).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(values.problems()).isEmpty();
    }

    @Test
    void aLineWithoutSeparatorIsReportedWithItsNumberAndSkipped() {
        KeyValues values = EQUALS.parse("a=1\ngarbage here\n=no key\nb=2");

        assertThat(values.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(values.problems()).containsExactly(
                new ParseProblem(2, "no '=' in \"garbage here\""),
                new ParseProblem(3, "no key before '=' in \"=no key\""));
        assertThat(values.problems().get(0)).hasToString("line 2: no '=' in \"garbage here\"");
    }

    @Test
    void aProblemQuotesALongLineShortened_withControlCharactersAndQuotesEscaped() {
        KeyValues values = EQUALS.parse("\"quoted\" \\ tab\there\u0001" + "x".repeat(100) + "\n");

        assertThat(values.problems()).containsExactly(new ParseProblem(1, "no '=' in \"\\\"quoted\\\" \\\\ tab\\u0009here\\u0001"
                + "x".repeat(40) + "\"... (120 characters)"));
    }

    @Test
    void aSeparatorFarBelowALineWithoutOneIsNotTakenForIt() {
        KeyValues values = COLON.parse("no separator\nnor here\nkey: value\n");

        assertThat(values.entries()).containsExactly(new KeyValue("key", "value", 3));
        assertThat(values.problems()).extracting(ParseProblem::line).containsExactly(1L, 2L);
    }

    @Test
    void crLfAndLoneCrEndLinesToo_andTheLastLineNeedsNoLineBreak() {
        KeyValues values = EQUALS.parse("a=1\r\nb=2\rc=3\n\r\nd=4");

        assertThat(values.entries()).containsExactly(new KeyValue("a", "1", 1), new KeyValue("b", "2", 2),
                new KeyValue("c", "3", 3), new KeyValue("d", "4", 5));
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        assertThat(EQUALS.parse("\uFEFFa=1\n").entries()).containsExactly(new KeyValue("a", "1", 1));
    }

    @Test
    void nulBytesAreBlanksAtTheEndsAndCharactersInside() {
        KeyValues values = EQUALS.parse("a=1\0\0\nb\0c=2\n\0\0\0\0\n");

        assertThat(values.text("a")).hasValue("1");
        assertThat(values.text("b\0c")).hasValue("2");
        assertThat(values.problems()).isEmpty();
    }

    @Test
    void aTruncatedLastLineIsParsedAsFarAsItGoes() {
        KeyValues values = COLON.parse("MemTotal: 100 kB\nMemFr");

        assertThat(values.text("MemTotal")).hasValue("100 kB");
        assertThat(values.problems()).containsExactly(new ParseProblem(2, "no ':' in \"MemFr\""));
    }

    @Test
    void aHugeLineIsReportedAndSkipped_theLinesAroundItAreParsed() {
        KeyValueParser parser = KeyValueParser.builder().maxLineLength(100).build();
        String huge = "big=" + "x".repeat(10_000);

        KeyValues values = parser.parse("a=1\n" + huge + "\nb=2\n" + "c=" + "y".repeat(200));

        assertThat(values.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(values.problems()).containsExactly(
                new ParseProblem(2, "line longer than 100 characters, skipped"),
                new ParseProblem(4, "line longer than 100 characters, skipped"));
    }

    @Test
    void aHugeLineFromAReaderIsSkippedWithoutHoldingIt() throws IOException {
        KeyValueParser parser = KeyValueParser.builder().maxLineLength(1_000).build();
        String input = "a=1\r\n" + "big=" + "x".repeat(500_000) + "\r\nb=2\r\n";
        List<KeyValue> entries = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();

        long count = parser.read(new TrickleReader(input, 5_000, 1), entries::add, problems::add);

        assertThat(count).isEqualTo(2);
        assertThat(entries).containsExactly(new KeyValue("a", "1", 1), new KeyValue("b", "2", 3));
        assertThat(problems).containsExactly(new ParseProblem(2, "line longer than 1000 characters, skipped"));
    }

    @Test
    void aLongLineReadOneCharacterAtATimeCostsLinearTime() {
        String input = "long=" + "x".repeat(300_000) + "\nshort=1\n";
        List<KeyValue> entries = new ArrayList<>();

        // copying the unfinished line on every one-character read would take minutes
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> EQUALS.read(new TrickleReader(input, 1, 0), entries::add, problem -> { }));

        assertThat(entries).extracting(KeyValue::key).containsExactly("long", "short");
        assertThat(entries.get(0).value()).hasSize(300_000);
    }

    @Test
    void aBlankSeparatorSplitsAtTheFirstRunOfBlanks() {
        KeyValues spaces = KeyValueParser.of(' ').parse("nr_free_pages 12345\n  pgpgin     678 \n");
        KeyValues tabs = KeyValueParser.of('\t').parse("key\t\tvalue with spaces\n");

        assertThat(spaces.asMap()).containsExactly(Map.entry("nr_free_pages", "12345"), Map.entry("pgpgin", "678"));
        assertThat(tabs.text("key")).hasValue("value with spaces");
    }

    @Test
    void quotesAreKeptUnlessStripQuotes() {
        String osRelease = "NAME=\"Debian GNU/Linux\"\nID=debian\nPRETTY='x'\nHALF=\"open\nONE=\"\n";

        KeyValues kept = EQUALS.parse(osRelease);
        KeyValues stripped = KeyValueParser.builder().stripQuotes(true).build().parse(osRelease);

        assertThat(kept.text("NAME")).hasValue("\"Debian GNU/Linux\"");
        assertThat(stripped.asMap()).containsExactly(Map.entry("NAME", "Debian GNU/Linux"), Map.entry("ID", "debian"),
                Map.entry("PRETTY", "x"), Map.entry("HALF", "\"open"), Map.entry("ONE", "\""));
    }

    @Test
    void noCommentsTakesHashLinesAsEntries_anotherCommentCharacterCanBeSet() {
        KeyValues none = KeyValueParser.builder().noComments().build().parse("#a=1\n");
        KeyValues semicolon = KeyValueParser.builder().comment(';').build().parse("; x=1\n#y=2\n");

        assertThat(none.text("#a")).hasValue("1");
        assertThat(semicolon.asMap()).containsExactly(Map.entry("#y", "2"));
    }

    @Test
    void longValueReadsTheFirstWord_anEmptyValueOrAMissingKeyIsEmpty() {
        KeyValues values = COLON.parse("a: 16318332 kB\nb: -42\nc: +7 x\nd: 100%\ne:\nf: 9223372036854775807\n");

        assertThat(values.longValue("a")).hasValue(16_318_332);
        assertThat(values.longValue("b")).hasValue(-42);
        assertThat(values.longValue("c")).hasValue(7);
        assertThat(values.longValue("d")).hasValue(100);
        assertThat(values.longValue("e")).isEqualTo(OptionalLong.empty());
        assertThat(values.longValue("missing")).isEqualTo(OptionalLong.empty());
        assertThat(values.longValue("f")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void longValueSaysWhichKeyAndLineHoldWhatIsNotANumber() {
        KeyValues values = COLON.parse("Temperature: n/a\nUnits: 4,830,606 [2.47 TB]\nBig: 9223372036854775808\n"
                + "Sign: -\nPercent: %\nTemperature: 0x1f\n");

        assertThatThrownBy(() -> values.longValue("Temperature")).isInstanceOf(NumberFormatException.class)
                .hasMessage("value of \"Temperature\" on line 6 does not start with a whole number: \"0x1f\"");
        assertThatThrownBy(() -> values.longValue("Units"))
                .hasMessage("value of \"Units\" on line 2 does not start with a whole number: \"4,830,606 [2.47 TB]\"");
        assertThatThrownBy(() -> values.longValue("Big"))
                .hasMessage("value of \"Big\" on line 3 does not fit a long: \"9223372036854775808\"");
        assertThatThrownBy(() -> values.longValue("Sign")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> values.longValue("Percent")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void requireGivesTheValueOrSaysWhichKeyIsMissing() {
        KeyValues values = EQUALS.parse("a=1\nb=2\na=3\n");

        assertThat(values.require("a")).isEqualTo("3");
        assertThatThrownBy(() -> values.require("MemAvailable")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no key \"MemAvailable\" among 2 keys");
    }

    @Test
    void theResultIsUnmodifiable() {
        KeyValues values = EQUALS.parse("a=1\n");

        assertThatThrownBy(() -> values.asMap().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.keys().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(values.asMap()).isEqualTo(Map.of("a", "1"));
        assertThat(values.asMap().get(42)).isNull();
        assertThat(values.keys().contains("a")).isTrue();
        assertThat(values.keys().contains("b")).isFalse();
    }

    @Test
    void manyKeysAreAllFound() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            input.append("key.").append(i).append('=').append(i * 7).append('\n');
        }
        KeyValues values = EQUALS.parse(input.toString());

        for (int i = 0; i < 5_000; i++) {
            assertThat(values.longValue("key." + i)).hasValue(i * 7L);
        }
        assertThat(values.keys()).hasSize(5_000);
        assertThat(values.text("key.5000")).isEmpty();
    }

    @Test
    void theFirstLookupsScan_laterOnesUseAnIndex_bothGiveTheLastValue() {
        KeyValues values = EQUALS.parse("a=1\nb=2\na=3\nc=\nb=4\n");

        for (int round = 0; round < 5; round++) {
            assertThat(values.text("a")).as("round %d", round).hasValue("3");
            assertThat(values.text("b")).as("round %d", round).hasValue("4");
            assertThat(values.longValue("c")).as("round %d", round).isEmpty();
            assertThat(values.text("d")).as("round %d", round).isEmpty();
        }
    }

    @Test
    void anEmptyInputHasNothingAndNoProblem() {
        KeyValues values = EQUALS.parse("");

        assertThat(values.entries()).isEmpty();
        assertThat(values.keys()).isEmpty();
        assertThat(values.problems()).isEmpty();
        assertThat(values).hasToString("KeyValues[0 keys, 0 entries, 0 problems]");
    }

    @Test
    void bytesAreDecodedWithTheirCharset() {
        byte[] cp850 = "Benutzer=J\u00fcrgen\n".getBytes(Charset.forName("IBM850"));
        byte[] utf8 = "name=\u2026\n".getBytes(StandardCharsets.UTF_8);

        assertThat(EQUALS.parse(cp850, Charset.forName("IBM850")).text("Benutzer")).hasValue("J\u00fcrgen");
        assertThat(EQUALS.parse(utf8, StandardCharsets.UTF_8).text("name")).hasValue("\u2026");
    }

    @Test
    void readingAReaderInTinyPiecesGivesWhatParsingTheStringGives() throws IOException {
        String input = "\uFEFFa=1\r\nb = 2\r\rjunk\n# c\nd:=x\r\n\r\ne=\u00e9\u2026\r";
        KeyValues whole = EQUALS.parse(input);

        for (int most = 1; most <= 7; most++) {
            List<KeyValue> entries = new ArrayList<>();
            List<ParseProblem> problems = new ArrayList<>();
            EQUALS.read(new TrickleReader(input, most, most), entries::add, problems::add);

            assertThat(entries).as("reads of at most %d", most).isEqualTo(whole.entries());
            assertThat(problems).as("reads of at most %d", most).isEqualTo(whole.problems());
        }
        assertThat(whole.entries()).containsExactly(new KeyValue("a", "1", 1), new KeyValue("b", "2", 2),
                new KeyValue("d:", "x", 6), new KeyValue("e", "\u00e9\u2026", 8));
        assertThat(whole.problems()).containsExactly(new ParseProblem(4, "no '=' in \"junk\""));
    }

    @Test
    void readDoesNotCloseTheReader() throws IOException {
        TrickleReader reader = new TrickleReader("a=1\n", 100, 0);

        assertThat(EQUALS.read(reader, entry -> { }, problem -> { })).isEqualTo(1);
        assertThat(reader.closed()).isFalse();
    }

    @Test
    void roundTrip_entriesWrittenAsLinesComeBackTheSame() throws IOException {
        List<KeyValue> written = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 1; i <= 1_000; i++) {
            String key = "k" + random.nextInt(300);
            String value = random.nextBoolean() ? "" : "v " + random.nextInt() + " =:# " + i;
            written.add(new KeyValue(key, value, i));
            text.append(key).append(random.nextBoolean() ? " = " : "=").append(value).append(i % 3 == 0 ? "\r\n" : "\n");
        }

        KeyValues read = EQUALS.parse(text.toString());
        List<KeyValue> streamed = new ArrayList<>();
        EQUALS.read(new StringReader(text.toString()), streamed::add, problem -> { });

        assertThat(read.entries()).isEqualTo(written);
        assertThat(streamed).isEqualTo(written);
    }

    @Test
    void toStringNamesTheSettings() {
        assertThat(EQUALS).hasToString("KeyValueParser[separator '=', comments '#', lines up to 1048576]");
        assertThat(KeyValueParser.builder().separator('\t').noComments().stripQuotes(true).maxLineLength(9).build())
                .hasToString("KeyValueParser[separator '\\t', no comments, quotes stripped, lines up to 9]");
    }
}

package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class CsvParserTest {
    private static final CsvParser PLAIN = CsvParser.rfc4180();
    private static final CsvParser WITH_HEADER = CsvParser.builder().header(true).build();

    private static List<List<String>> cells(Table table) {
        return table.rows().stream().map(row -> List.copyOf(row)).collect(Collectors.toList());
    }

    @Test
    void plainFieldsAreSplitAtTheSeparatorAndKeptAsWritten() {
        Table table = PLAIN.parse("a,b,c\n 1 , 2,3 \n");

        assertThat(cells(table)).containsExactly(List.of("a", "b", "c"), List.of(" 1 ", " 2", "3 "));
        assertThat(table.columns()).isEmpty();
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        Table table = PLAIN.parse("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\",\"\"\"\"\nnext,\"x\ny\",z,,\n");

        assertThat(cells(table)).containsExactly(List.of("a,b", "say \"hi\"", "two\r\nlines", "", "\""),
                List.of("next", "x\ny", "z", "", ""));
        assertThat(table.rows()).extracting(Row::line).containsExactly(1L, 3L);
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void recordsEndAtCrLfLfOrALoneCr_andTheLastNeedsNoLineBreak() {
        Table table = PLAIN.parse("a,b\r\nc,d\ne,f\rg,h");

        assertThat(cells(table)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h"));
        assertThat(table.rows()).extracting(Row::line).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void emptyFieldsAndATrailingSeparator() {
        Table table = PLAIN.parse(",,\na,\n,\"\"\n");

        assertThat(cells(table)).containsExactly(List.of("", "", ""), List.of("a", ""), List.of("", ""));
    }

    @Test
    void blankLinesBetweenRecordsAreSkipped_lineNumbersStillCount() {
        Table table = PLAIN.parse("\n\na,b\r\n\r\n\nc,d\n\n");

        assertThat(cells(table)).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(table.rows()).extracting(Row::line).containsExactly(3L, 6L);
    }

    @Test
    void theHeaderNamesTheColumns() {
        Table table = WITH_HEADER.parse("Name,Id,WorkingSet\r\nsvchost,4,1000 kB\r\n\"my, app\",5,\"2000\"\r\n");

        assertThat(table.columns()).containsExactly("Name", "Id", "WorkingSet");
        assertThat(table.rows()).hasSize(2);
        Row app = table.rows().get(1);
        assertThat(app.get("Name")).isEqualTo("my, app");
        assertThat(app.longValue("Id")).hasValue(5);
        assertThat(app.longValue("WorkingSet")).hasValue(2000);
        assertThat(app.columns()).containsExactly("Name", "Id", "WorkingSet");
        assertThat(app.line()).isEqualTo(3);
        assertThat(table.find("Id", "4")).map(row -> row.get("Name")).hasValue("svchost");
        assertThat(table.find("Id", "9")).isEmpty();
    }

    @Test
    void anotherSeparator() {
        Table semicolons = CsvParser.builder().separator(';').build().parse("a;\"b;c\";d,e\n");
        Table tabs = CsvParser.builder().separator('\t').build().parse("a\t\"b\tc\"\t\n");

        assertThat(cells(semicolons)).containsExactly(List.of("a", "b;c", "d,e"));
        assertThat(cells(tabs)).containsExactly(List.of("a", "b\tc", ""));
    }

    @Test
    void commentLinesBetweenRecordsAreSkippedWhenAsked() {
        String exportCsv = "#TYPE System.Diagnostics.Process\r\n\"Name\",\"Id\"\r\n\"#x\",\"1\"\r\n# late comment\r\n\"y\",\"2\"\r\n";

        Table table = CsvParser.builder().header(true).comment('#').build().parse(exportCsv);
        Table without = CsvParser.builder().header(true).build().parse(exportCsv);

        assertThat(table.columns()).containsExactly("Name", "Id");
        assertThat(cells(table)).containsExactly(List.of("#x", "1"), List.of("y", "2"));
        assertThat(table.rows()).extracting(Row::line).containsExactly(3L, 5L);
        assertThat(without.columns()).containsExactly("#TYPE System.Diagnostics.Process");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkipped() {
        byte[] bytes = "\uFEFF\"Name\",\"Id\"\r\n\"a\",\"1\"\r\n".getBytes(StandardCharsets.UTF_8);

        Table table = WITH_HEADER.parse(bytes, StandardCharsets.UTF_8);

        assertThat(table.columns()).containsExactly("Name", "Id");
    }

    @Test
    void anEmptyInputHasNoColumnsNoRowsAndNoProblem() {
        assertThat(WITH_HEADER.parse("").columns()).isEmpty();
        assertThat(WITH_HEADER.parse("\r\n\n").rows()).isEmpty();
        assertThat(PLAIN.parse("").problems()).isEmpty();
        assertThat(WITH_HEADER.parse("a,b\n")).hasToString("Table[2 columns, 0 rows, 0 problems]");
    }

    @Test
    void raggedRowsArePassedOnAsTheyAreAndReported() {
        Table table = WITH_HEADER.parse("a,b,c\n1,2\n1,2,3\n1,2,3,4\n");

        assertThat(cells(table)).containsExactly(List.of("1", "2"), List.of("1", "2", "3"), List.of("1", "2", "3", "4"));
        assertThat(table.rows().get(0).get("c")).isEmpty();
        assertThat(table.problems()).containsExactly(new ParseProblem(2, "row has 2 fields, expected 3"),
                new ParseProblem(4, "row has 4 fields, expected 3"));
    }

    @Test
    void withoutHeaderTheFirstRowSetsTheExpectedNumberOfFields() {
        Table table = PLAIN.parse("1,2\n1\n");

        assertThat(table.problems()).containsExactly(new ParseProblem(2, "row has 1 fields, expected 2"));
    }

    @Test
    void aQuoteLeftOpenTakesTheRestOfTheInput_andIsReportedWhereItsRecordStarts() {
        Table table = PLAIN.parse("a,b\nc,\"open\nd,e\n");

        assertThat(cells(table)).containsExactly(List.of("a", "b"), List.of("c", "open\nd,e\n"));
        assertThat(table.problems()).containsExactly(
                new ParseProblem(2, "field 2 opens a quote that is not closed before the end of the input"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAndReported() {
        Table table = PLAIN.parse("5\" disk,ok\n");

        assertThat(cells(table)).containsExactly(List.of("5\" disk", "ok"));
        assertThat(table.problems()).containsExactly(
                new ParseProblem(1, "field 1 has a quote inside an unquoted value: \"5\\\" disk\""));
    }

    @Test
    void textAfterAClosingQuoteIsAppendedAndReported() {
        Table table = PLAIN.parse("x,\"a\"b c,y\n\"multi\nline\"tail\n");

        assertThat(cells(table)).containsExactly(List.of("x", "ab c", "y"), List.of("multi\nlinetail"));
        assertThat(table.problems()).containsExactly(
                new ParseProblem(1, "field 2 has text after its closing quote: \"b c\""),
                new ParseProblem(3, "field 1 has text after its closing quote: \"tail\""),
                new ParseProblem(2, "row has 1 fields, expected 3"));
    }

    @Test
    void nulBytesAreCharactersOfTheirField() {
        Table table = PLAIN.parse("a\0,\"\0\"\n");

        assertThat(cells(table)).containsExactly(List.of("a\0", "\0"));
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void aHugeRecordIsReportedAndSkipped_theRecordsAroundItAreRead() throws IOException {
        CsvParser parser = CsvParser.builder().maxRecordLength(100).build();
        String input = "a,b\n\"" + "x".repeat(5_000) + "\",y\nc,d\n";

        Table whole = parser.parse(input);
        List<Row> rows = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        parser.read(new TrickleReader(input, 300, 3), rows::add, problems::add);

        assertThat(cells(whole)).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(whole.problems()).containsExactly(new ParseProblem(2, "record longer than 100 characters, skipped"));
        assertThat(rows).map(List::copyOf).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(rows).extracting(Row::line).containsExactly(1L, 3L);
        assertThat(problems).containsExactly(
                new ParseProblem(2, "record longer than 100 characters, skipped up to the next line break"));
    }

    @Test
    void aQuoteLeftOpenInALargeStreamCostsNoMoreThanTheLimit() throws IOException {
        CsvParser parser = CsvParser.builder().maxRecordLength(10_000).build();
        StringBuilder input = new StringBuilder("a,\"open\n");
        for (int i = 0; i < 50_000; i++) {
            input.append("line ").append(i).append(",x\n");
        }
        List<Row> rows = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();

        parser.read(new StringReader(input.toString()), rows::add, problems::add);

        // the runaway record is dropped up to where it passed the limit; reading goes on from there
        assertThat(problems.get(0)).isEqualTo(
                new ParseProblem(1, "record longer than 10000 characters, skipped up to the next line break"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(rows.size() - 1)).containsExactly("line 49999", "x");
        assertThat(rows.get(rows.size() - 1).line()).isEqualTo(50_001);
    }

    @Test
    void strictModeThrowsAtTheFirstProblem() {
        CsvParser strict = CsvParser.builder().header(true).strict(true).build();

        assertThatThrownBy(() -> strict.parse("a,b\n1,2\n3\n")).isInstanceOf(MalformedOutputException.class)
                .hasMessage("line 3: row has 1 fields, expected 2")
                .satisfies(e -> assertThat(((MalformedOutputException) e).problem())
                        .isEqualTo(new ParseProblem(3, "row has 1 fields, expected 2")));
        assertThatThrownBy(() -> strict.parse("a\n\"b")).isInstanceOf(MalformedOutputException.class)
                .hasMessage("line 2: field 1 opens a quote that is not closed before the end of the input");
        assertThatThrownBy(() -> strict.parse("a,b\nx\"y,z\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: field 1 has a quote inside an unquoted value: \"x\\\"y\"");
        assertThat(cells(strict.parse("a,b\n1,\"2\"\n"))).containsExactly(List.of("1", "2"));
    }

    @Test
    void strictStreamingDeliversTheRowsBeforeTheProblem() {
        CsvParser strict = CsvParser.builder().strict(true).build();
        List<Row> rows = new ArrayList<>();

        assertThatThrownBy(() -> strict.read(new StringReader("1,2\n3,4\n5\n6,7\n"), rows::add, problem -> { }))
                .isInstanceOf(MalformedOutputException.class).hasMessage("line 3: row has 1 fields, expected 2");
        assertThat(rows).map(List::copyOf).containsExactly(List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    void theStreamIsLazy_itReadsOnlyAsFarAsItIsConsumed() {
        StringBuilder input = new StringBuilder("n,square\n");
        for (int i = 0; i < 100_000; i++) {
            input.append(i).append(',').append((long) i * i).append('\n');
        }
        TrickleReader reader = new TrickleReader(input.toString(), 1_000, 5);
        List<ParseProblem> problems = new ArrayList<>();

        try (Stream<Row> rows = WITH_HEADER.stream(reader, problems::add)) {
            List<Long> first = rows.limit(3).map(row -> row.longValue("square").orElseThrow()).collect(Collectors.toList());
            assertThat(first).containsExactly(0L, 1L, 4L);
        }
        assertThat(reader.position()).isLessThan(10_000);
        assertThat(reader.closed()).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void aReadFailureSurfacesFromTheStreamAsUncheckedIoException() {
        java.io.Reader failing = new java.io.Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() { }
        };

        assertThatThrownBy(() -> PLAIN.stream(failing, problem -> { }).count()).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk gone");
        assertThatThrownBy(() -> PLAIN.read(failing, row -> { }, problem -> { })).isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }

    @Test
    void readingAReaderInTinyPiecesGivesWhatParsingTheStringGives() throws IOException {
        Random random = new Random(11);
        String alphabet = "ab,\"\r\n x";
        for (int round = 0; round < 300; round++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                input.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            CsvParser parser = round % 2 == 0 ? PLAIN : WITH_HEADER;
            Table whole = parser.parse(input.toString());
            List<Row> rows = new ArrayList<>();
            List<ParseProblem> problems = new ArrayList<>();

            parser.read(new TrickleReader(input.toString(), 1 + round % 4, round), rows::add, problems::add);

            String what = "input " + escape(input.toString());
            assertThat(rows).as(what).isEqualTo(whole.rows());
            assertThat(rows).extracting(Row::line).as(what).isEqualTo(whole.rows().stream().map(Row::line).collect(Collectors.toList()));
            assertThat(problems).as(what).isEqualTo(whole.problems());
        }
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Test
    void roundTrip_recordsWrittenByRfc4180RulesComeBackTheSame() throws IOException {
        Random random = new Random(3);
        String[] pieces = {"a", "b c", ",", "\"", "\r\n", "\n", "\r", " ", "\u00e9", "\u2026", "x"};
        List<List<String>> written = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < 500; r++) {
            List<String> record = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                StringBuilder field = new StringBuilder();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    field.append(pieces[random.nextInt(pieces.length)]);
                }
                record.add(field.toString());
            }
            written.add(record);
            csv.append(record.stream().map(CsvParserTest::quoteIfNeeded).collect(Collectors.joining(",")));
            csv.append(r % 2 == 0 ? "\r\n" : "\n");
        }

        Table table = PLAIN.parse(csv.toString());
        List<List<String>> streamed = new ArrayList<>();
        PLAIN.read(new TrickleReader(csv.toString(), 9, 1), row -> streamed.add(List.copyOf(row)), problem -> { });

        assertThat(cells(table)).isEqualTo(written);
        assertThat(streamed).isEqualTo(written);
        assertThat(table.problems()).isEmpty();
    }

    /** The writing half of RFC 4180, for the round trip. */
    private static String quoteIfNeeded(String field) {
        if (field.isEmpty() || field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}

package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ColumnTableParserTest {
    private static final String SMART_HEADER =
            "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE";
    private static final ColumnTableParser SMART = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build();

    /** A line with each text at its column: {@code line(0, "a", 10, "b")}. */
    private static String line(Object... columnsAndTexts) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columnsAndTexts.length; i += 2) {
            int column = (Integer) columnsAndTexts[i];
            while (line.length() < column) {
                line.append(' ');
            }
            line.append((String) columnsAndTexts[i + 1]);
        }
        return line.toString();
    }

    private static String sessions(String... rows) {
        return line(1, "USERNAME", 23, "SESSIONNAME", 42, "ID", 46, "STATE", 54, "IDLE TIME", 65, "LOGON TIME") + "\n"
                + String.join("\n", rows) + "\n";
    }

    private static final ColumnTableParser SESSIONS = ColumnTableParser.positional()
            .titles("USERNAME", "SESSIONNAME", "ID", "STATE", "IDLE TIME", "LOGON TIME").build();

    private static List<List<String>> cells(Table table) {
        return table.rows().stream().map(row -> List.copyOf(row)).collect(Collectors.toList());
    }

    @Test
    void positional_cellsRunFromTitleToTitle_emptyCellsAreEmpty_theLastTakesTheRest() {
        Table table = SESSIONS.parse(sessions(
                line(0, ">alice", 23, "console", 43, "1", 46, "Active", 58, "none", 65, "02/01/2025 09:15"),
                line(1, "bob", 43, "2", 46, "Disc", 57, "20:53", 65, "02/01/2025 08:02 PM")));

        assertThat(table.columns()).containsExactly("USERNAME", "SESSIONNAME", "ID", "STATE", "IDLE TIME", "LOGON TIME");
        assertThat(cells(table)).containsExactly(
                List.of(">alice", "console", "1", "Active", "none", "02/01/2025 09:15"),
                List.of("bob", "", "2", "Disc", "20:53", "02/01/2025 08:02 PM"));
        assertThat(table.rows().get(1).get("SESSIONNAME")).isEmpty();
        assertThat(table.rows().get(1).longValue("ID")).hasValue(2);
        assertThat(table.rows()).extracting(Row::line).containsExactly(2L, 3L);
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void positional_aLongValueCrossingIntoTheNextColumnStaysInItsOwn() {
        Table table = SESSIONS.parse(sessions(
                line(1, "a-very-long-user-name-xy", 26, "rdp-tcp#12345", 43, "3", 46, "Active", 60, ".", 65, "x")));

        assertThat(cells(table)).containsExactly(
                List.of("a-very-long-user-name-xy", "rdp-tcp#12345", "3", "Active", ".", "x"));
    }

    @Test
    void positional_aRightAlignedNumberWiderThanItsTitleGoesUnderIt() {
        ColumnTableParser parser = ColumnTableParser.positional().build();
        String input = line(0, "NAME", 12, "SIZE", 20, "MOUNT") + "\n"
                + line(0, "a", 10, "1234567", 20, "/") + "\n"
                + line(0, "longer-name-x", 17, "500", 21, "/mnt") + "\n"
                + line(0, "b", 14, "42", 20, "/my disk") + "\n"
                + line(0, "c") + "\n";

        Table table = parser.parse(input);

        assertThat(table.columns()).containsExactly("NAME", "SIZE", "MOUNT");
        assertThat(cells(table)).containsExactly(List.of("a", "1234567", "/"), List.of("longer-name-x", "500", "/mnt"),
                List.of("b", "42", "/my disk"), List.of("c", "", ""));
    }

    @Test
    void positional_aRowThatStartsBeforeTheFirstTitleKeepsItsStart() {
        ColumnTableParser parser = ColumnTableParser.positional().build();

        Table table = parser.parse("   PID CMD\n    12 sshd: x\n123456 bash\n");

        assertThat(cells(table)).containsExactly(List.of("12", "sshd: x"), List.of("123456", "bash"));
    }

    @Test
    void positional_titlesAreFoundAsWholeWords() {
        ColumnTableParser parser = ColumnTableParser.positional().titles("A", "ID").build();

        Table table = parser.parse("A IDLE ID\n1 xxxx 2\n");

        assertThat(cells(table)).containsExactly(List.of("1 xxxx", "2"));
    }

    @Test
    void whitespace_wordsFillTheColumns_theLastTakesTheRestOfTheLine() {
        String smart = "preamble: 1\n\n" + SMART_HEADER + "\n"
                + "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       12\n"
                + "194 Temperature_Celsius     0x0022   038   040   000    Old_age   Always       -       38 (Min/Max 22/40)\n";

        Table table = SMART.parse(smart);

        assertThat(table.columns()).containsExactly("ID#", "ATTRIBUTE_NAME", "FLAG", "VALUE", "WORST", "THRESH", "TYPE",
                "UPDATED", "WHEN_FAILED", "RAW_VALUE");
        Row temperature = table.find("ATTRIBUTE_NAME", "Temperature_Celsius").orElseThrow();
        assertThat(temperature.get("RAW_VALUE")).isEqualTo("38 (Min/Max 22/40)");
        assertThat(temperature.longValue("RAW_VALUE")).hasValue(38);
        assertThat(temperature.line()).isEqualTo(5);
        assertThat(table.find("ATTRIBUTE_NAME", "Reallocated_Sector_Ct").orElseThrow().longValue("THRESH")).hasValue(10);
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void whitespace_theHeaderIsSplitTheSameWay() {
        Table table = ColumnTableParser.whitespace(6).build().parse(
                "Filesystem     1024-blocks    Used Available Capacity Mounted on\n"
                        + "/dev/sda1        1000000  400000    600000      40% /\n"
                        + "/dev/mapper/a-very-long-volume-name 2000 1000 1000 50% /mnt/my disk\n");

        assertThat(table.columns()).containsExactly("Filesystem", "1024-blocks", "Used", "Available", "Capacity", "Mounted on");
        assertThat(cells(table)).containsExactly(List.of("/dev/sda1", "1000000", "400000", "600000", "40%", "/"),
                List.of("/dev/mapper/a-very-long-volume-name", "2000", "1000", "1000", "50%", "/mnt/my disk"));
        assertThat(table.rows().get(0).longValue("Capacity")).hasValue(40);
    }

    @Test
    void whitespace_titlesCanBeGiven() {
        Table table = ColumnTableParser.whitespace(2).titles("key", "rest").build().parse("anything at all\na b c\n");

        assertThat(table.columns()).containsExactly("key", "rest");
        assertThat(table.rows().get(0).get("rest")).isEqualTo("b c");
    }

    @Test
    void theTableEndsAtTheFirstBlankLine_unlessAskedToGoOn() {
        String input = "A B\n1 2\n\t \n3 4\n";

        assertThat(cells(ColumnTableParser.whitespace(2).build().parse(input))).containsExactly(List.of("1", "2"));
        assertThat(cells(ColumnTableParser.whitespace(2).endAtBlankLine(false).build().parse(input)))
                .containsExactly(List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    void theHeaderPrefixIsMatchedAfterLeadingBlanks_andLinesBeforeItAreIgnored() {
        Table table = ColumnTableParser.whitespace(2).headerStartsWith("ID#").build()
                .parse("ID is not ID#\nx ID# y\n   ID# NAME\n 1 one\n");

        assertThat(table.columns()).containsExactly("ID#", "NAME");
        assertThat(cells(table)).containsExactly(List.of("1", "one"));
    }

    @Test
    void noHeaderLineIsReported_andGivesNoRows() {
        Table prefixed = SMART.parse("Smartctl open device: /dev/sda failed: Permission denied\n\nmore\n");
        Table blank = ColumnTableParser.positional().build().parse("\n  \n");
        Table empty = ColumnTableParser.positional().build().parse("");

        assertThat(prefixed.rows()).isEmpty();
        assertThat(prefixed.columns()).isEmpty();
        assertThat(prefixed.problems()).containsExactly(new ParseProblem(3, "no header line starting with \"ID#\""));
        assertThat(blank.problems()).containsExactly(new ParseProblem(2, "no header line: the input is blank"));
        assertThat(empty.problems()).containsExactly(new ParseProblem(0, "no header line: the input is blank"));
    }

    @Test
    void aHeaderWithoutAGivenTitleIsReported_andGivesNoRows() {
        Table table = SESSIONS.parse("USERNAME SESSIONNAME ID STATE IDLE LOGON TIME\nx y 1 Active . now\n");

        assertThat(table.rows()).isEmpty();
        assertThat(table.problems()).containsExactly(new ParseProblem(1,
                "the header has no column \"IDLE TIME\" after \"STATE\": \"USERNAME SESSIONNAME ID STATE IDLE LOGON TIME\""));
    }

    @Test
    void aWhitespaceHeaderWithTooFewTitlesIsReported() {
        Table table = ColumnTableParser.whitespace(4).build().parse("A B C\n1 2 3 4\n");

        assertThat(table.rows()).isEmpty();
        assertThat(table.problems()).containsExactly(new ParseProblem(1, "the header has 3 titles, expected 4: \"A B C\""));
    }

    @Test
    void aTruncatedRowIsPassedOnWithTheCellsItHas_andReported() {
        Table table = SMART.parse(SMART_HEADER + "\n"
                + "  1 Raw_Read_Error_Rate     0x000f   082   066   044    Pre-fail  Always       -       176\n"
                + "  3 Spin_Up_Ti\n");

        Row truncated = table.rows().get(1);
        assertThat(truncated).containsExactly("3", "Spin_Up_Ti");
        assertThat(truncated.get("RAW_VALUE")).isEmpty();
        assertThat(truncated.longValue("RAW_VALUE")).isEmpty();
        assertThat(table.problems()).containsExactly(new ParseProblem(3, "row has 2 of 10 columns: \"3 Spin_Up_Ti\""));
    }

    @Test
    void aRepeatedTitleIsReported_byTitleTheFirstIsRead() {
        Table table = ColumnTableParser.whitespace(3).build().parse("A B A\n1 2 3\n");

        assertThat(table.rows().get(0).get("A")).isEqualTo("1");
        assertThat(table.problems()).containsExactly(
                new ParseProblem(1, "the header has the column \"A\" more than once; by title, the first is read"));
    }

    @Test
    void nulBytesAndTabsAreBlanks() {
        Table table = ColumnTableParser.whitespace(3).build().parse("A\tB\0C\n1\t\t2\0\0\0three\0\0\n");

        assertThat(cells(table)).containsExactly(List.of("1", "2", "three"));
    }

    @Test
    void aHugeLineIsReportedAndSkipped() throws IOException {
        ColumnTableParser parser = ColumnTableParser.whitespace(2).maxLineLength(50).build();
        String input = "A B\n1 2\n" + "3 " + "x".repeat(20_000) + "\n5 6\n";

        Table whole = parser.parse(input);
        List<Row> rows = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        parser.read(new TrickleReader(input, 700, 2), rows::add, problems::add);

        assertThat(cells(whole)).containsExactly(List.of("1", "2"), List.of("5", "6"));
        assertThat(whole.problems()).containsExactly(new ParseProblem(3, "line longer than 50 characters, skipped"));
        assertThat(rows).isEqualTo(whole.rows());
        assertThat(problems).isEqualTo(whole.problems());
    }

    @Test
    void strictModeThrowsAtTheFirstProblem() {
        ColumnTableParser strict = ColumnTableParser.whitespace(10).headerStartsWith("ID#").strict(true).build();

        assertThatThrownBy(() -> strict.parse("No such device\n")).isInstanceOf(MalformedOutputException.class)
                .hasMessage("line 1: no header line starting with \"ID#\"");
        assertThatThrownBy(() -> strict.parse(SMART_HEADER + "\n  3 Spin_Up_Ti\n")).isInstanceOf(MalformedOutputException.class)
                .hasMessage("line 2: row has 2 of 10 columns: \"3 Spin_Up_Ti\"");
    }

    @Test
    void readingAReaderInTinyPiecesGivesWhatParsingTheStringGives() throws IOException {
        String input = "\uFEFFpreamble\r\n" + SMART_HEADER + "\r\n"
                + "  1 Raw_Read_Error_Rate     0x000f   082   066   044    Pre-fail  Always       -       176\r"
                + "  9 Power_On_Hours          0x0032   100   100   000    Old_age   Always       -       252 \r\n"
                + "  3 Spin_Up\r\n\r\nafter the table\r\n";
        Table whole = SMART.parse(input);

        for (int most = 1; most <= 5; most++) {
            List<Row> rows = new ArrayList<>();
            List<ParseProblem> problems = new ArrayList<>();
            long count = SMART.read(new TrickleReader(input, most, most), rows::add, problems::add);

            assertThat(count).isEqualTo(3);
            assertThat(rows).isEqualTo(whole.rows());
            assertThat(rows).extracting(Row::line).containsExactly(3L, 4L, 5L);
            assertThat(problems).isEqualTo(whole.problems());
        }
        assertThat(whole.rows().get(1).get("RAW_VALUE")).isEqualTo("252");
        assertThat(whole.problems()).containsExactly(new ParseProblem(5, "row has 2 of 10 columns: \"3 Spin_Up\""));
    }

    @Test
    void theStreamStopsAtTheEndOfTheTable() {
        TrickleReader reader = new TrickleReader("A B\n1 2\n3 4\n", 100, 0);

        assertThat(ColumnTableParser.whitespace(2).build().stream(reader, problem -> { }).map(row -> row.get("B")))
                .containsExactly("2", "4");
    }

    @Test
    void toStringNamesTheSettings() {
        assertThat(SMART).hasToString("ColumnTableParser[whitespace, 10 columns, header starts with \"ID#\", lines up to 1048576]");
        assertThat(ColumnTableParser.positional().titles("A B", "C").endAtBlankLine(false).strict(true).maxLineLength(80).build())
                .hasToString("ColumnTableParser[positional, titles [A B, C], past blank lines, strict, lines up to 80]");
    }
}

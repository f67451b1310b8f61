package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * 200,000 lines through each parser from a reader that makes them up as it is read, so that the
 * input never exists whole; the consumers keep only sums, and the first result must arrive while
 * almost all of the input is still unread.
 */
final class StreamingTest {
    private static final int LINES = 200_000;

    /** A reader of {@code lines} lines, each made by {@code line} when it is reached. */
    private static final class GeneratingReader extends Reader {
        private final long lines;
        private final LongFunction<String> line;
        private long next;
        private String current = "";
        private int pos;
        private long produced;

        GeneratingReader(long lines, LongFunction<String> line) {
            this.lines = lines;
            this.line = line;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (pos == current.length()) {
                if (next == lines) {
                    return -1;
                }
                current = line.apply(next++);
                pos = 0;
            }
            int n = Math.min(length, current.length() - pos);
            current.getChars(pos, pos + n, buffer, offset);
            pos += n;
            produced += n;
            return n;
        }

        @Override
        public void close() { }
    }

    @Test
    void keyValueLines() throws IOException {
        GeneratingReader reader = new GeneratingReader(LINES,
                i -> i % 1_000 == 999 ? "damaged line " + i + "\n" : "key" + (i % 100) + " = " + i + "\r\n");
        long[] sum = {0};
        long[] producedAtFirst = {-1};
        List<ParseProblem> problems = new ArrayList<>();

        long count = KeyValueParser.of('=').read(reader, entry -> {
            if (producedAtFirst[0] < 0) {
                producedAtFirst[0] = reader.produced;
            }
            sum[0] += Long.parseLong(entry.value());
            if (entry.line() == 150_001) {
                assertThat(entry).isEqualTo(new KeyValue("key0", "150000", 150_001));
            }
        }, problems::add);

        assertThat(count).isEqualTo(LINES - LINES / 1_000);
        long all = (long) LINES * (LINES - 1) / 2;
        long damaged = 0;
        for (long i = 999; i < LINES; i += 1_000) {
            damaged += i;
        }
        assertThat(sum[0]).isEqualTo(all - damaged);
        assertThat(problems).hasSize(LINES / 1_000);
        assertThat(problems.get(199)).isEqualTo(new ParseProblem(200_000, "no '=' in \"damaged line 199999\""));
        assertThat(producedAtFirst[0]).isPositive().isLessThan(reader.produced / 20);
    }

    @Test
    void csvRecords_someSpanningLines() throws IOException {
        GeneratingReader reader = new GeneratingReader(LINES + 1, i -> i == 0 ? "id,name,size\n"
                : i % 100 == 0 ? (i - 1) + ",\"two\nlines, \"\"quoted\"\"\"," + i + "\n" : (i - 1) + ",n" + i + "," + i + "\n");
        long[] sum = {0};
        long[] multiLine = {0};
        long[] lastLine = {0};
        long[] producedAtFirst = {-1};
        List<ParseProblem> problems = new ArrayList<>();

        long count = CsvParser.builder().header(true).build().read(reader, row -> {
            if (producedAtFirst[0] < 0) {
                producedAtFirst[0] = reader.produced;
            }
            sum[0] += row.longValue("size").orElseThrow();
            if (row.get("name").equals("two\nlines, \"quoted\"")) {
                multiLine[0]++;
            }
            lastLine[0] = row.line();
        }, problems::add);

        assertThat(count).isEqualTo(LINES);
        assertThat(sum[0]).isEqualTo((long) LINES * (LINES + 1) / 2);
        assertThat(multiLine[0]).isEqualTo(LINES / 100);
        // the header is line 1, and each of the 2,000 records with a quoted line break takes two lines
        assertThat(lastLine[0]).isEqualTo(1 + LINES + LINES / 100 - 1);
        assertThat(problems).isEmpty();
        assertThat(producedAtFirst[0]).isPositive().isLessThan(reader.produced / 20);
    }

    @Test
    void columnTableRows() throws IOException {
        String header = "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE\n";
        GeneratingReader reader = new GeneratingReader(LINES + 3, i -> i == 0 ? "smartctl 7.4\n"
                : i == 1 ? header
                : i == LINES + 2 ? "\n"
                : String.format("%3d %-23s 0x0032   100   100   000    Old_age   Always       -       %d (Min/Max 1/2)%n",
                        i % 256, "Attribute_" + i, i));
        long[] sum = {0};
        long[] producedAtFirst = {-1};
        List<ParseProblem> problems = new ArrayList<>();

        long count = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build().read(reader, row -> {
            if (producedAtFirst[0] < 0) {
                producedAtFirst[0] = reader.produced;
            }
            sum[0] += row.longValue("RAW_VALUE").orElseThrow();
        }, problems::add);

        assertThat(count).isEqualTo(LINES);
        assertThat(sum[0]).isEqualTo((long) (LINES + 1) * (LINES + 2) / 2 - 1);
        assertThat(problems).isEmpty();
        assertThat(producedAtFirst[0]).isPositive().isLessThan(reader.produced / 20);
    }
}

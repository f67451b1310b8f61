package io.ddc.parsers;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Reads the rows of a column table: finds the header line, then splits each line after it into cells. */
final class ColumnScanner extends RowCursor {
    private final ColumnTableParser parser;
    private final LineScanner lines;
    private final Consumer<ParseProblem> problems;
    private boolean headerRead;
    private boolean ended;
    private Columns columns = Columns.NONE;
    private int count;
    /** Positional mode: where each column's title starts and ends in the header line. */
    private int[] starts = new int[0];
    private int[] ends = new int[0];

    ColumnScanner(Source source, ColumnTableParser parser, Consumer<ParseProblem> problems) {
        this.parser = parser;
        this.problems = problems;
        this.lines = new LineScanner(source, parser.maxLineLength(), problems);
    }

    @Override
    List<String> columns() {
        return columns.titles();
    }

    @Override
    @Nullable Row next() throws IOException {
        if (ended) {
            return null;
        }
        if (!headerRead) {
            headerRead = true;
            if (!readHeader()) {
                ended = true;
                return null;
            }
        }
        while (lines.next()) {
            String text = lines.text();
            int start = lines.start;
            int end = lines.end;
            int first = start;
            while (first < end && text.charAt(first) <= ' ') {
                first++;
            }
            if (first == end) {
                if (parser.endAtBlankLine()) {
                    ended = true;
                    return null;
                }
                continue;
            }
            return parser.cutsAtPositions() ? byPosition(text, start, end) : byWhitespace(text, first, end);
        }
        ended = true;
        return null;
    }

    private boolean readHeader() throws IOException {
        String prefix = parser.headerPrefix();
        while (lines.next()) {
            String text = lines.text();
            int first = lines.start;
            while (first < lines.end && text.charAt(first) <= ' ') {
                first++;
            }
            if (first < lines.end && (prefix.isEmpty() || text.startsWith(prefix, first))) {
                return useHeader(text.substring(lines.start, lines.end), lines.number);
            }
        }
        problems.accept(new ParseProblem(lines.number, prefix.isEmpty() ? "no header line: the input is blank"
                : "no header line starting with " + Texts.excerpt(prefix)));
        return false;
    }

    private boolean useHeader(String header, long line) {
        List<String> given = parser.titles();
        String[] titles;
        if (parser.cutsAtPositions()) {
            if (given.isEmpty()) {
                titles = words(header);
            } else {
                titles = given.toArray(new String[0]);
                starts = new int[titles.length];
                ends = new int[titles.length];
                int from = 0;
                for (int i = 0; i < titles.length; i++) {
                    int at = find(header, titles[i], from);
                    if (at < 0) {
                        problems.accept(new ParseProblem(line, "the header has no column " + Texts.excerpt(titles[i])
                                + (i > 0 ? " after " + Texts.excerpt(titles[i - 1]) : "") + ": " + Texts.excerpt(header)));
                        return false;
                    }
                    starts[i] = at;
                    ends[i] = at + titles[i].length();
                    from = ends[i];
                }
            }
        } else if (given.isEmpty()) {
            titles = split(header, 0, header.length(), parser.columnCount());
            if (titles.length < parser.columnCount()) {
                problems.accept(new ParseProblem(line, "the header has " + titles.length + " titles, expected "
                        + parser.columnCount() + ": " + Texts.excerpt(header)));
                return false;
            }
        } else {
            titles = given.toArray(new String[0]);
        }
        columns = new Columns(titles);
        count = titles.length;
        for (String title : columns.repeated()) {
            problems.accept(new ParseProblem(line, "the header has the column " + Texts.excerpt(title)
                    + " more than once; by title, the first is read"));
        }
        return true;
    }

    /** Splits a header at blanks, recording where each title starts and ends. */
    private String[] words(String header) {
        int length = header.length();
        int[] wordStarts = new int[8];
        int[] wordEnds = new int[8];
        int n = 0;
        int p = 0;
        for (;;) {
            while (p < length && header.charAt(p) <= ' ') {
                p++;
            }
            if (p == length) {
                break;
            }
            int end = p;
            while (end < length && header.charAt(end) > ' ') {
                end++;
            }
            if (n == wordStarts.length) {
                wordStarts = Arrays.copyOf(wordStarts, n * 2);
                wordEnds = Arrays.copyOf(wordEnds, n * 2);
            }
            wordStarts[n] = p;
            wordEnds[n] = end;
            n++;
            p = end;
        }
        starts = Arrays.copyOf(wordStarts, n);
        ends = Arrays.copyOf(wordEnds, n);
        String[] titles = new String[n];
        for (int i = 0; i < n; i++) {
            titles[i] = header.substring(starts[i], ends[i]);
        }
        return titles;
    }

    /** @return where {@code title} stands in the header at or after {@code from}, as whole words, or -1 */
    private static int find(String header, String title, int from) {
        int at = header.indexOf(title, from);
        while (at >= 0) {
            int after = at + title.length();
            if ((at == 0 || header.charAt(at - 1) <= ' ') && (after == header.length() || header.charAt(after) <= ' ')) {
                return at;
            }
            at = header.indexOf(title, at + 1);
        }
        return -1;
    }

    /**
     * Cuts a line at the columns' start positions. A word that crosses a column start goes to the
     * side that holds more of it, counting on the right only up to the end of that column's title:
     * a long name stays in its column, a right-aligned number wider than its title goes under it.
     */
    private Row byPosition(String text, int lineStart, int lineEnd) {
        int length = lineEnd - lineStart;
        String[] cells = new String[count];
        int previous = 0;
        for (int i = 1; i < count; i++) {
            int boundary = starts[i];
            if (boundary >= length) {
                boundary = length;
            } else if (boundary > previous && text.charAt(lineStart + boundary - 1) > ' '
                    && text.charAt(lineStart + boundary) > ' ') {
                int wordStart = boundary - 1;
                while (wordStart > previous && text.charAt(lineStart + wordStart - 1) > ' ') {
                    wordStart--;
                }
                int wordEnd = boundary + 1;
                while (wordEnd < length && text.charAt(lineStart + wordEnd) > ' ') {
                    wordEnd++;
                }
                int left = boundary - wordStart;
                int right = Math.min(wordEnd, ends[i]) - boundary;
                boundary = right >= left ? wordStart : wordEnd;
            }
            boundary = Math.max(boundary, previous);
            cells[i - 1] = Texts.trimmed(text, lineStart + previous, lineStart + boundary);
            previous = boundary;
        }
        cells[count - 1] = Texts.trimmed(text, lineStart + previous, lineEnd);
        return new Row(cells, columns, lines.number);
    }

    /** Splits a line at runs of blanks into the columns, the last taking the rest of the line. */
    private Row byWhitespace(String text, int first, int lineEnd) {
        String[] cells = split(text, first, lineEnd, count);
        if (cells.length < count) {
            problems.accept(new ParseProblem(lines.number, "row has " + cells.length + " of " + count + " columns: "
                    + Texts.excerpt(text, first, lineEnd)));
        }
        return new Row(cells, columns, lines.number);
    }

    /** @return up to {@code n} words of {@code text[from, to)}, the last being the trimmed rest */
    private static String[] split(String text, int from, int to, int n) {
        String[] cells = new String[n];
        int found = 0;
        int p = from;
        while (p < to && text.charAt(p) <= ' ') {
            p++;
        }
        while (p < to && found < n - 1) {
            int end = p;
            while (end < to && text.charAt(end) > ' ') {
                end++;
            }
            cells[found++] = text.substring(p, end);
            p = end;
            while (p < to && text.charAt(p) <= ' ') {
                p++;
            }
        }
        if (p < to) {
            cells[found++] = Texts.trimmed(text, p, to);
        }
        return found == n ? cells : Arrays.copyOf(cells, found);
    }
}

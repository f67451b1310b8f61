package io.ddc.parsers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV records from a {@link Source}. A record is parsed from its start in the window; when it
 * runs past the window's end, the window is refilled from the record's start and the record parsed
 * again, so no state is kept across chunks. Problems found inside a record are reported once it is
 * complete, so that a retry does not report them twice.
 */
final class CsvScanner extends RowCursor {
    private static final char QUOTE = '"';
    private static final int NEED_MORE = -1;
    private static final int END = 0;
    private static final int RECORD = 1;
    private static final int SKIPPED = 2;

    private final Source source;
    private final char separator;
    private final boolean comments;
    private final char comment;
    private final boolean header;
    private final int maxLength;
    private final Consumer<ParseProblem> problems;
    private final Source.Finder separators;
    private final Source.Finder quotes;
    private final Source.Finder lineFeeds;
    private final Source.Finder carriageReturns;
    private final ArrayList<String> fields = new ArrayList<>();
    private final List<ParseProblem> pending = new ArrayList<>(0);
    private boolean started;
    private int pos;
    /** The line number at {@link #pos}. */
    private long line = 1;
    /** How far the last attempt got before it needed more input. */
    private int reached;
    private long recordLine;
    private Columns columns = Columns.NONE;
    private int expected = -1;

    CsvScanner(Source source, CsvParser parser, Consumer<ParseProblem> problems) {
        this.source = source;
        this.separator = parser.separator();
        this.comments = parser.comments();
        this.comment = parser.comment();
        this.header = parser.header();
        this.maxLength = parser.maxRecordLength();
        this.problems = problems;
        this.separators = source.finder(separator);
        this.quotes = source.finder(QUOTE);
        this.lineFeeds = source.finder('\n');
        this.carriageReturns = source.finder('\r');
    }

    @Override
    List<String> columns() {
        return columns.titles();
    }

    @Override
    @Nullable Row next() throws IOException {
        if (!started) {
            started = true;
            pos = source.begin();
            if (header) {
                if (record() != RECORD) {
                    return null;
                }
                columns = new Columns(fields.toArray(new String[0]));
                expected = fields.size();
                for (String title : columns.repeated()) {
                    problems.accept(new ParseProblem(recordLine, "the header has the column " + Texts.excerpt(title)
                            + " more than once; by title, the first is read"));
                }
            }
        }
        if (record() != RECORD) {
            return null;
        }
        String[] cells = fields.toArray(new String[0]);
        if (expected < 0) {
            expected = cells.length;
        } else if (cells.length != expected) {
            problems.accept(new ParseProblem(recordLine, "row has " + cells.length + " fields, expected " + expected));
        }
        return new Row(cells, columns, recordLine);
    }

    /** Reads the next record into {@link #fields}. */
    private int record() throws IOException {
        for (;;) {
            int result = attempt();
            if (result == RECORD || result == END) {
                return result;
            }
            if (result == NEED_MORE) {
                if (reached - pos > maxLength) {
                    problems.accept(new ParseProblem(line, "record longer than " + maxLength
                            + " characters, skipped up to the next line break"));
                    skipToNextLine();
                } else {
                    source.more(pos);
                    pos = 0;
                }
            }
        }
    }

    private int attempt() {
        String text = source.text;
        int length = text.length();
        boolean eof = source.eof();
        int p = pos;
        // blank lines and comment lines between records
        for (;;) {
            if (p >= length) {
                if (eof) {
                    return END;
                }
                return needMore(length);
            }
            char c = text.charAt(p);
            if (c == '\n') {
                p++;
            } else if (c == '\r') {
                if (p + 1 == length && !eof) {
                    return needMore(length);
                }
                p += p + 1 < length && text.charAt(p + 1) == '\n' ? 2 : 1;
            } else if (comments && c == comment) {
                int lineBreak = lineBreak(p);
                if (lineBreak < 0 || (lineBreak + 1 == length && !eof)) {
                    if (!eof) {
                        return needMore(length);
                    }
                    pos = length;
                    return END;
                }
                p = lineBreak + (text.charAt(lineBreak) == '\r' && lineBreak + 1 < length
                        && text.charAt(lineBreak + 1) == '\n' ? 2 : 1);
            } else {
                break;
            }
            line++;
            pos = p;
        }
        int start = p;
        long startLine = line;
        boolean quoted = false;
        boolean lineEnded = false;
        fields.clear();
        pending.clear();
        for (;;) {
            int field = fields.size() + 1;
            if (p >= length) {
                if (!eof) {
                    return needMore(length);
                }
                fields.add("");
                break;
            }
            if (text.charAt(p) == QUOTE) {
                quoted = true;
                int open = p;
                StringBuilder unescaped = null;
                int segment = p + 1;
                int close;
                for (;;) {
                    close = quotes.next(segment);
                    if (close < 0) {
                        // a quote at the window's end may be half of "": the record ends there and is read again
                        if (!eof) {
                            return needMore(length);
                        }
                        break;
                    }
                    if (close + 1 < length && text.charAt(close + 1) == QUOTE) {
                        if (unescaped == null) {
                            unescaped = new StringBuilder();
                        }
                        unescaped.append(text, segment, close + 1);
                        segment = close + 2;
                        continue;
                    }
                    break;
                }
                if (close < 0) {
                    pending.add(new ParseProblem(startLine + countBreaks(text, start, open), "field " + field
                            + " opens a quote that is not closed before the end of the input"));
                    fields.add(unescaped == null ? text.substring(segment) : unescaped.append(text, segment, length).toString());
                    p = length;
                    break;
                }
                String value = unescaped == null ? text.substring(segment, close)
                        : unescaped.append(text, segment, close).toString();
                p = close + 1;
                if (p < length && text.charAt(p) != separator && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
                    int end = fieldEnd(p);
                    if (end < 0) {
                        if (!eof) {
                            return needMore(length);
                        }
                        end = length;
                    }
                    pending.add(new ParseProblem(startLine + countBreaks(text, start, p), "field " + field
                            + " has text after its closing quote: " + Texts.excerpt(text, p, end)));
                    value = value + text.substring(p, end);
                    p = end;
                }
                fields.add(value);
            } else {
                int end = fieldEnd(p);
                if (end < 0) {
                    if (!eof) {
                        return needMore(length);
                    }
                    end = length;
                }
                int quote = quotes.next(p);
                if (quote >= 0 && quote < end) {
                    pending.add(new ParseProblem(startLine + countBreaks(text, start, p), "field " + field
                            + " has a quote inside an unquoted value: " + Texts.excerpt(text, p, end)));
                }
                fields.add(p == end ? "" : text.substring(p, end));
                p = end;
            }
            if (p >= length) {
                if (!eof) {
                    return needMore(length);
                }
                break;
            }
            char c = text.charAt(p);
            if (c == separator) {
                p++;
                continue;
            }
            if (c == '\r') {
                if (p + 1 == length && !eof) {
                    return needMore(length);
                }
                if (p + 1 < length && text.charAt(p + 1) == '\n') {
                    p++;
                }
            }
            p++;
            lineEnded = true;
            break;
        }
        line = startLine + (quoted ? countBreaks(text, start, p) : lineEnded ? 1 : 0);
        pos = p;
        if (p - start > maxLength) {
            problems.accept(new ParseProblem(startLine, "record longer than " + maxLength + " characters, skipped"));
            return SKIPPED;
        }
        recordLine = startLine;
        for (ParseProblem problem : pending) {
            problems.accept(problem);
        }
        return RECORD;
    }

    private int needMore(int reachedPosition) {
        reached = reachedPosition;
        return NEED_MORE;
    }

    /** Drops the over-long record from {@link #pos} on and resumes after the next line break. */
    private void skipToNextLine() throws IOException {
        String text = source.text;
        int length = text.length();
        int drop = length > pos && text.charAt(length - 1) == '\r' && !source.eof() ? length - 1 : length;
        line += countBreaks(text, pos, drop);
        source.more(drop);
        pos = 0;
        for (;;) {
            text = source.text;
            length = text.length();
            int lineBreak = lineBreak(pos);
            if (lineBreak >= 0) {
                int after = lineBreak + 1;
                if (text.charAt(lineBreak) == '\r') {
                    if (after == length && !source.eof()) {
                        source.more(lineBreak);
                        pos = 0;
                        continue;
                    }
                    if (after < length && text.charAt(after) == '\n') {
                        after++;
                    }
                }
                line++;
                pos = after;
                return;
            }
            if (source.eof()) {
                pos = length;
                return;
            }
            source.more(length);
            pos = 0;
        }
    }

    private int fieldEnd(int from) {
        return earliest(separators.next(from), lineBreak(from));
    }

    private int lineBreak(int from) {
        return earliest(lineFeeds.next(from), carriageReturns.next(from));
    }

    private static int earliest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** @return the number of line breaks ({@code \n}, {@code \r\n}, lone {@code \r}) in {@code text[from, to)} */
    private static int countBreaks(String text, int from, int to) {
        int breaks = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                breaks++;
            } else if (c == '\r') {
                breaks++;
                if (i + 1 < to && text.charAt(i + 1) == '\n') {
                    i++;
                }
            }
        }
        return breaks;
    }
}

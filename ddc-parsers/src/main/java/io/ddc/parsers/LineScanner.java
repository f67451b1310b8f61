package io.ddc.parsers;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Splits a {@link Source} into lines without making a string of each: after {@link #next()}, the
 * line is {@code source.text[start, end)}, without its line break. A line longer than the limit is
 * reported and skipped without being held.
 */
final class LineScanner {
    private final Source source;
    private final int maxLength;
    private final Consumer<ParseProblem> problems;
    private final Source.Finder lf;
    private final Source.Finder cr;
    private boolean started;
    private boolean skipping;
    private int pos;

    /** The number of the current line, 1-based. */
    long number;
    /** The current line's first character in {@code source.text}. */
    int start;
    /** The position after the current line's last character. */
    int end;

    LineScanner(Source source, int maxLength, Consumer<ParseProblem> problems) {
        this.source = source;
        this.maxLength = maxLength;
        this.problems = problems;
        this.lf = source.finder('\n');
        this.cr = source.finder('\r');
    }

    /**
     * Checks a parser builder's line-length limit.
     *
     * @param characters the longest line to parse
     * @return the limit
     * @throws IllegalArgumentException if it is less than 1
     */
    static int checkedMaxLength(int characters) {
        if (characters < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1, was " + characters);
        }
        return characters;
    }

    /** @return the window the current line is in */
    String text() {
        return source.text;
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the input
     */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            pos = source.begin();
        }
        for (;;) {
            String text = source.text;
            int length = text.length();
            if (pos < length) {
                int lineBreak = lineBreak(pos);
                if (lineBreak >= 0) {
                    int after = lineBreak + 1;
                    if (text.charAt(lineBreak) == '\r') {
                        if (after == length && !source.eof()) {
                            // a '\n' may follow in the next chunk
                            refill(skipping ? lineBreak : pos);
                            continue;
                        }
                        if (after < length && text.charAt(after) == '\n') {
                            after++;
                        }
                    }
                    if (skipping) {
                        skipping = false;
                        pos = after;
                        continue;
                    }
                    number++;
                    if (lineBreak - pos > maxLength) {
                        tooLong();
                        pos = after;
                        continue;
                    }
                    start = pos;
                    end = lineBreak;
                    pos = after;
                    return true;
                }
                if (source.eof()) {
                    if (skipping) {
                        skipping = false;
                        pos = length;
                        continue;
                    }
                    number++;
                    if (length - pos > maxLength) {
                        tooLong();
                        pos = length;
                        continue;
                    }
                    start = pos;
                    end = length;
                    pos = length;
                    return true;
                }
                if (!skipping && length - pos > maxLength) {
                    number++;
                    tooLong();
                    skipping = true;
                }
                if (skipping) {
                    pos = length;
                }
            } else if (source.eof()) {
                return false;
            }
            refill(pos);
        }
    }

    private void refill(int from) throws IOException {
        source.more(from);
        pos = 0;
    }

    private int lineBreak(int from) {
        int n = lf.next(from);
        int r = cr.next(from);
        return n < 0 ? r : r < 0 ? n : Math.min(n, r);
    }

    private void tooLong() {
        problems.accept(new ParseProblem(number, "line longer than " + maxLength + " characters, skipped"));
    }
}

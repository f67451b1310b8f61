package io.ddc.parsers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Parses a table printed in columns under a header line, such as {@code smartctl -A}, {@code df -P}
 * or {@code quser}, in one of two ways:
 * <ul>
 * <li>{@link #positional()}: the header's titles give where each column starts, for tables with
 * empty cells or blanks inside values ({@code quser}). A column runs from its title's start to the
 * next title's start; the first starts at the line's start, the last takes the rest of the line. A
 * word that crosses a column start goes to the side that holds more of it, counting on the right
 * only up to the end of that column's title, so that a long name stays in its column and a
 * right-aligned number wider than its title goes under it.</li>
 * <li>{@link #whitespace(int)}: each line is split at runs of blanks into a fixed number of
 * columns, the last taking the rest of the line, for tables whose cells are never empty and, but
 * for the last, hold no blanks ({@code smartctl -A}: {@code RAW_VALUE} is {@code "38 (Min/Max
 * 22/40)"}; {@code df -P}: the mount point).</li>
 * </ul>
 *
 * <p>The header is the first non-blank line, or with {@link Builder#headerStartsWith(String)} the
 * first line that starts with a prefix (after blanks), so that a preamble is skipped. Its titles
 * are its words, or with {@link Builder#titles(String...)} titles given by the caller, which may
 * hold blanks ({@code "IDLE TIME"}). The rows are the lines after it up to the first blank line or
 * the end of the input. Cells are trimmed; an empty cell is {@code ""}. Positions count characters,
 * so a tab counts as one: a table laid out with tabs needs {@link #whitespace(int)}.
 *
 * <p>Damaged input is read as far as it goes, and each damage is reported as a {@link ParseProblem}:
 * no header line (no rows then), a header without a title that was asked for (no rows then), a
 * header that repeats a title (by title, the first column is read), a row with fewer words than
 * columns in whitespace mode (passed on with the cells it has), a line longer than the limit
 * (skipped). Built {@code strict(true)}, the parser throws
 * {@link MalformedOutputException} at the first of these instead.
 *
 * <pre>{@code
 * Table attributes = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build()
 *         .parse(result.stdout().text());
 * Optional<Row> reallocated = attributes.find("ATTRIBUTE_NAME", "Reallocated_Sector_Ct");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnTableParser extends TableParser {
    /** The longest line parsed by default, in characters; a longer one is reported and skipped. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    private final boolean positional;
    private final int columnCount;
    private final String headerPrefix;
    private final List<String> titles;
    private final boolean endAtBlankLine;
    private final int maxLineLength;

    private ColumnTableParser(Builder builder) {
        super(builder.strict);
        this.positional = builder.positional;
        this.columnCount = builder.columnCount;
        this.headerPrefix = builder.headerPrefix;
        this.titles = builder.titles;
        this.endAtBlankLine = builder.endAtBlankLine;
        this.maxLineLength = builder.maxLineLength;
    }

    /**
     * Starts a parser that cuts lines at the positions of the header's titles.
     *
     * @return a new builder
     */
    public static Builder positional() {
        return new Builder(true, 0);
    }

    /**
     * Starts a parser that splits lines at runs of blanks into {@code columns} cells, the last taking
     * the rest of the line. Without {@link Builder#titles(String...)}, the header is split the same
     * way ({@code df -P}'s last title is {@code "Mounted on"}).
     *
     * @param columns the number of columns
     * @return a new builder
     * @throws IllegalArgumentException if {@code columns} is less than 1
     */
    public static Builder whitespace(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, was " + columns);
        }
        return new Builder(false, columns);
    }

    @Override
    RowCursor cursor(Source source, Consumer<ParseProblem> problems) {
        return new ColumnScanner(source, this, problems);
    }

    boolean cutsAtPositions() {
        return positional;
    }

    int columnCount() {
        return columnCount;
    }

    String headerPrefix() {
        return headerPrefix;
    }

    List<String> titles() {
        return titles;
    }

    boolean endAtBlankLine() {
        return endAtBlankLine;
    }

    int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public String toString() {
        return "ColumnTableParser[" + (positional ? "positional" : "whitespace, " + columnCount + " columns")
                + (headerPrefix.isEmpty() ? "" : ", header starts with " + Texts.excerpt(headerPrefix))
                + (titles.isEmpty() ? "" : ", titles " + titles) + (endAtBlankLine ? "" : ", past blank lines")
                + (isStrict() ? ", strict" : "") + ", lines up to " + maxLineLength + "]";
    }

    /**
     * Configures a {@link ColumnTableParser}. Defaults: the header is the first non-blank line, its
     * titles are its words, the table ends at the first blank line, lenient, lines of up to
     * {@link #DEFAULT_MAX_LINE_LENGTH} characters. Not thread-safe; {@link #build()} copies the
     * settings.
     */
    public static final class Builder {
        private final boolean positional;
        private final int columnCount;
        private String headerPrefix = "";
        private List<String> titles = List.of();
        private boolean endAtBlankLine = true;
        private boolean strict;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder(boolean positional, int columnCount) {
            this.positional = positional;
            this.columnCount = columnCount;
        }

        /**
         * Takes as header the first line that starts with {@code prefix} after its leading blanks,
         * e.g. {@code "ID#"} in {@code smartctl -A}; the lines before it are skipped.
         *
         * @param prefix the start of the header line; blanks around it are ignored
         * @return this builder
         * @throws IllegalArgumentException if the prefix is blank or holds a line break
         */
        public Builder headerStartsWith(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("header prefix must not be blank");
            }
            if (prefix.indexOf('\n') >= 0 || prefix.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header prefix must not hold a line break");
            }
            this.headerPrefix = prefix.strip();
            return this;
        }

        /**
         * Names the columns. Positional: each title is looked for in the header line, in order and
         * as whole words, and gives its column's position, so that a title may hold blanks
         * ({@code "IDLE TIME"}); a header without one of them is a problem. Whitespace: the titles
         * name the columns, one per column, and the header line is only skipped.
         *
         * @param titles the titles, in header order
         * @return this builder
         * @throws IllegalArgumentException if there are none, or one is blank or not trimmed
         */
        public Builder titles(String... titles) {
            Objects.requireNonNull(titles, "titles");
            if (titles.length == 0) {
                throw new IllegalArgumentException("titles must not be empty");
            }
            for (int i = 0; i < titles.length; i++) {
                String title = Objects.requireNonNull(titles[i], "titles[" + i + "]");
                if (title.isBlank()) {
                    throw new IllegalArgumentException("title " + (i + 1) + " is blank");
                }
                if (!title.equals(title.strip()) || title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("title " + (i + 1) + " " + Texts.excerpt(title)
                            + " has blanks at its ends or a line break");
                }
            }
            this.titles = Collections.unmodifiableList(Arrays.asList(titles.clone()));
            return this;
        }

        /**
         * Says whether a blank line ends the table (the default) or is skipped.
         *
         * @param end true to end the table there
         * @return this builder
         */
        public Builder endAtBlankLine(boolean end) {
            this.endAtBlankLine = end;
            return this;
        }

        /**
         * Says whether the first problem throws {@link MalformedOutputException} instead of being
         * reported.
         *
         * @param strict true to throw
         * @return this builder
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Sets the longest line parsed; a longer one is reported and skipped without being held.
         *
         * @param characters the limit
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder maxLineLength(int characters) {
            this.maxLineLength = LineScanner.checkedMaxLength(characters);
            return this;
        }

        /**
         * Builds the parser.
         *
         * @return the parser
         * @throws IllegalStateException if, in whitespace mode, the number of titles is not the number
         *     of columns
         */
        public ColumnTableParser build() {
            if (!positional && !titles.isEmpty() && titles.size() != columnCount) {
                throw new IllegalStateException(titles.size() + " titles given for " + columnCount + " columns");
            }
            return new ColumnTableParser(this);
        }
    }
}

package io.ddc.parsers;

import java.util.function.Consumer;

/**
 * Parses CSV as RFC 4180 defines it, and as PowerShell's {@code Export-Csv} and spreadsheets write
 * it: fields separated by a separator (default {@code ','}), a field in double quotes may hold
 * separators, line breaks and {@code ""} for a quote; records end at {@code \r\n}, {@code \n} or a
 * lone {@code \r}. Fields are taken exactly as written (not trimmed). Blank lines between records are
 * skipped. With {@link Builder#header(boolean) header(true)} the first record names the columns.
 *
 * <p>Damaged input is read as far as it goes, and each damage is reported as a {@link ParseProblem}:
 * a row whose number of fields differs from the header's (or, without header, the first row's) is
 * passed on as it is; a header that repeats a title is read by title as its first column; a quote inside an unquoted field is kept as a character; text after a closing
 * quote is appended to the field; a quote still open at the end of the input takes the rest of the
 * input into its field; a record longer than the limit is skipped. Built {@code strict(true)}, the
 * parser throws {@link MalformedOutputException} at the first of these instead.
 *
 * <pre>{@code
 * Table processes = CsvParser.builder().header(true).build().parse(result.stdout().text());
 * for (Row process : processes.rows()) {
 *     System.out.println(process.get("Name") + " " + process.longValue("WorkingSet").orElse(0));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvParser extends TableParser {
    /** The longest record parsed by default, in characters; a longer one is reported and skipped. */
    public static final int DEFAULT_MAX_RECORD_LENGTH = 1 << 20;

    private final char separator;
    private final boolean comments;
    private final char comment;
    private final boolean header;
    private final int maxRecordLength;

    private CsvParser(Builder builder) {
        super(builder.strict);
        this.separator = builder.separator;
        this.comments = builder.comments;
        this.comment = builder.comment;
        this.header = builder.header;
        this.maxRecordLength = builder.maxRecordLength;
    }

    /**
     * Returns a lenient parser of comma-separated records without header.
     *
     * @return the parser
     */
    public static CsvParser rfc4180() {
        return builder().build();
    }

    /**
     * Starts a parser with separator {@code ','}, no header, no comment lines, lenient, and records
     * of up to {@link #DEFAULT_MAX_RECORD_LENGTH} characters.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    RowCursor cursor(Source source, Consumer<ParseProblem> problems) {
        return new CsvScanner(source, this, problems);
    }

    char separator() {
        return separator;
    }

    boolean comments() {
        return comments;
    }

    char comment() {
        return comment;
    }

    boolean header() {
        return header;
    }

    int maxRecordLength() {
        return maxRecordLength;
    }

    @Override
    public String toString() {
        return "CsvParser[separator '" + KeyValueParser.printable(separator) + "'" + (header ? ", header" : "")
                + (comments ? ", comments '" + comment + "'" : "") + (isStrict() ? ", strict" : "")
                + ", records up to " + maxRecordLength + "]";
    }

    /**
     * Configures a {@link CsvParser}. Defaults: separator {@code ','}, no header, no comment lines,
     * lenient, records of up to {@link #DEFAULT_MAX_RECORD_LENGTH} characters. Not thread-safe;
     * {@link #build()} copies the settings.
     */
    public static final class Builder {
        private char separator = ',';
        private boolean comments;
        private char comment = '#';
        private boolean header;
        private boolean strict;
        private int maxRecordLength = DEFAULT_MAX_RECORD_LENGTH;

        private Builder() {}

        /**
         * Sets the field separator, e.g. {@code ';'} or {@code '\t'}.
         *
         * @param separator the separator
         * @return this builder
         * @throws IllegalArgumentException if it is the quote or a line break
         */
        public Builder separator(char separator) {
            if (separator == '"') {
                throw new IllegalArgumentException("separator must not be the quote '\"'");
            }
            if (separator == '\n' || separator == '\r') {
                throw new IllegalArgumentException("separator must not be a line break");
            }
            this.separator = separator;
            return this;
        }

        /**
         * Says whether the first record is a header that names the columns.
         *
         * @param header true if it is
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Skips the lines that start with a character between records, such as the
         * {@code #TYPE System.Diagnostics.Process} line that Windows PowerShell's {@code Export-Csv}
         * writes first.
         *
         * @param comment the character
         * @return this builder
         * @throws IllegalArgumentException if it is the quote, a line break or blank
         */
        public Builder comment(char comment) {
            if (comment == '"' || comment <= ' ') {
                throw new IllegalArgumentException("comment character must not be the quote, a line break or blank");
            }
            this.comments = true;
            this.comment = comment;
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
         * Sets the longest record parsed; a longer one is reported and skipped without being held,
         * so that a quote left open in a large input cannot exhaust the memory.
         *
         * @param characters the limit
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder maxRecordLength(int characters) {
            if (characters < 1) {
                throw new IllegalArgumentException("maxRecordLength must be at least 1, was " + characters);
            }
            this.maxRecordLength = characters;
            return this;
        }

        /**
         * Builds the parser.
         *
         * @return the parser
         * @throws IllegalStateException if the comment character is the separator
         */
        public CsvParser build() {
            if (comments && comment == separator) {
                throw new IllegalStateException("separator and comment character are both '" + comment + "'");
            }
            return new CsvParser(this);
        }
    }
}

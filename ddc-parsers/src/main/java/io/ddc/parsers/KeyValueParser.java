package io.ddc.parsers;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Parses lines of {@code key=value}, or {@code key: value} with {@code of(':')} (as
 * {@code /proc/meminfo}, {@code smartctl} for NVMe disks and PowerShell's {@code Format-List}
 * print them).
 *
 * <p>Each line is split at the first separator; key and value are trimmed. Blank lines and lines
 * whose first non-blank character is the comment character are skipped; a comment character
 * later in a line is part of the value. A line without separator, or with nothing before it, is
 * reported as a {@link ParseProblem} and skipped: this parser never throws on damaged input. A
 * repeated key keeps all its entries, and lookups give the last (see {@link KeyValues}).
 *
 * <pre>{@code
 * KeyValues memory = KeyValueParser.of(':').parse(result.stdout().text());
 * long availableKiB = memory.longValue("MemAvailable").orElseThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyValueParser {
    /** The longest line parsed by default, in characters; a longer one is reported and skipped. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    private final char separator;
    private final boolean comments;
    private final char comment;
    private final boolean stripQuotes;
    private final int maxLineLength;

    private KeyValueParser(Builder builder) {
        this.separator = builder.separator;
        this.comments = builder.comments;
        this.comment = builder.comment;
        this.stripQuotes = builder.stripQuotes;
        this.maxLineLength = builder.maxLineLength;
    }

    /**
     * Returns a parser with the default settings and the given separator.
     *
     * @param separator {@code '='}, {@code ':'} or another character that is not a line break
     * @return the parser
     * @throws IllegalArgumentException if the separator is a line break
     * @throws IllegalStateException if it is {@code '#'}, the comment character
     */
    public static KeyValueParser of(char separator) {
        return builder().separator(separator).build();
    }

    /**
     * Starts a parser with separator {@code '='}, comments starting with {@code '#'}, quotes kept and
     * lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} characters.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a whole output.
     *
     * @param text the output
     * @return its entries and problems
     */
    public KeyValues parse(String text) {
        Objects.requireNonNull(text, "text");
        // one entry per 32 characters saves most copies as the arrays grow, and wastes little
        KeyValues.Collector entries = new KeyValues.Collector(Math.min(text.length() / 32, 1 << 16));
        List<ParseProblem> problems = new ArrayList<>(0);
        try {
            scan(new Source(text), entries, problems::add);
        } catch (IOException impossible) {
            throw new IllegalStateException("a string cannot fail to be read", impossible);
        }
        return entries.result(problems);
    }

    /**
     * Parses an output kept as bytes.
     *
     * @param bytes the output
     * @param charset its encoding; malformed input is replaced, not refused
     * @return its entries and problems
     */
    public KeyValues parse(byte[] bytes, Charset charset) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(charset, "charset");
        return parse(new String(bytes, charset));
    }

    /**
     * Streams the entries of an input of any size; nothing but the current line is held.
     *
     * @param input the input, read to its end and not closed
     * @param entries receives each entry, in input order
     * @param problems receives each skipped line, in input order
     * @return the number of entries passed to {@code entries}
     * @throws IOException if the input cannot be read
     */
    public long read(Reader input, Consumer<KeyValue> entries, Consumer<ParseProblem> problems) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(problems, "problems");
        return scan(new Source(input), (key, value, line) -> entries.accept(new KeyValue(key, value, line)), problems);
    }

    private long scan(Source source, Sink entries, Consumer<ParseProblem> problems) throws IOException {
        LineScanner lines = new LineScanner(source, maxLineLength, problems);
        Source.Finder separators = source.finder(separator);
        long count = 0;
        while (lines.next()) {
            String text = lines.text();
            int start = lines.start;
            int end = lines.end;
            while (start < end && text.charAt(start) <= ' ') {
                start++;
            }
            if (start == end || (comments && text.charAt(start) == comment)) {
                continue;
            }
            int at = separators.next(start);
            if (at < 0 || at >= end) {
                problems.accept(new ParseProblem(lines.number,
                        "no '" + printable(separator) + "' in " + Texts.excerpt(text, start, end)));
                continue;
            }
            int keyEnd = at;
            while (keyEnd > start && text.charAt(keyEnd - 1) <= ' ') {
                keyEnd--;
            }
            if (keyEnd == start) {
                problems.accept(new ParseProblem(lines.number,
                        "no key before '" + printable(separator) + "' in " + Texts.excerpt(text, start, end)));
                continue;
            }
            int valueStart = at + 1;
            while (valueStart < end && text.charAt(valueStart) <= ' ') {
                valueStart++;
            }
            int valueEnd = end;
            while (valueEnd > valueStart && text.charAt(valueEnd - 1) <= ' ') {
                valueEnd--;
            }
            if (stripQuotes && valueEnd - valueStart >= 2) {
                char quote = text.charAt(valueStart);
                if ((quote == '"' || quote == '\'') && text.charAt(valueEnd - 1) == quote) {
                    valueStart++;
                    valueEnd--;
                }
            }
            entries.entry(text.substring(start, keyEnd),
                    valueStart == valueEnd ? "" : text.substring(valueStart, valueEnd), lines.number);
            count++;
        }
        return count;
    }

    /** Receives the entries of a scan without an object per entry. */
    interface Sink {
        void entry(String key, String value, long line);
    }

    static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    @Override
    public String toString() {
        return "KeyValueParser[separator '" + printable(separator) + "'"
                + (comments ? ", comments '" + comment + "'" : ", no comments")
                + (stripQuotes ? ", quotes stripped" : "") + ", lines up to " + maxLineLength + "]";
    }

    /**
     * Configures a {@link KeyValueParser}. Defaults: separator {@code '='}, comment character
     * {@code '#'}, quotes kept, lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} characters. Not
     * thread-safe; {@link #build()} copies the settings.
     */
    public static final class Builder {
        private char separator = '=';
        private boolean comments = true;
        private char comment = '#';
        private boolean stripQuotes;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder() {}

        /**
         * Sets the character between key and value. A blank one ({@code ' '}, {@code '\t'}) splits
         * at the first blank after the key, and the value is trimmed as usual.
         *
         * @param separator the separator
         * @return this builder
         * @throws IllegalArgumentException if the separator is a line break
         */
        public Builder separator(char separator) {
            if (separator == '\n' || separator == '\r') {
                throw new IllegalArgumentException("separator must not be a line break");
            }
            this.separator = separator;
            return this;
        }

        /**
         * Sets the character that starts a comment line (its first non-blank character).
         *
         * @param comment the comment character
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder comment(char comment) {
            if (comment <= ' ') {
                throw new IllegalArgumentException("comment character must not be blank");
            }
            this.comments = true;
            this.comment = comment;
            return this;
        }

        /**
         * Takes every line as an entry, whatever it starts with.
         *
         * @return this builder
         */
        public Builder noComments() {
            this.comments = false;
            return this;
        }

        /**
         * Removes one pair of double or single quotes around a value ({@code NAME="Ubuntu"} in
         * {@code /etc/os-release} gives {@code Ubuntu}); what is inside is taken as it is, without
         * interpreting escapes.
         *
         * @param stripQuotes true to remove them
         * @return this builder
         */
        public Builder stripQuotes(boolean stripQuotes) {
            this.stripQuotes = stripQuotes;
            return this;
        }

        /**
         * Sets the longest line parsed; a longer line is reported and skipped without being held,
         * so that a damaged input without line breaks cannot exhaust the memory.
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
         * @throws IllegalStateException if the separator is the comment character
         */
        public KeyValueParser build() {
            if (comments && separator == comment) {
                throw new IllegalStateException("separator and comment character are both '" + comment
                        + "': set another comment character or noComments()");
            }
            return new KeyValueParser(this);
        }
    }
}

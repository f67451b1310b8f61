package io.ddc.parsers;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the parsers that give rows have in common ({@link CsvParser}, {@link ColumnTableParser}):
 * a whole output parsed into a {@link Table}, or an input of any size streamed row by row, holding
 * only the current record or line. Damaged input is reported as {@link ParseProblem}s; a parser
 * built {@code strict(true)} throws {@link MalformedOutputException} at the first one instead.
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class TableParser permits CsvParser, ColumnTableParser {
    private final boolean strict;

    TableParser(boolean strict) {
        this.strict = strict;
    }

    /** Reads the source, passing each problem on; one cursor per parse. */
    abstract RowCursor cursor(Source source, Consumer<ParseProblem> problems);

    /** @return true if the first problem throws {@link MalformedOutputException} */
    public final boolean isStrict() {
        return strict;
    }

    /**
     * Parses a whole output.
     *
     * @param text the output
     * @return its header's titles, its rows and the problems met
     * @throws MalformedOutputException at the first problem, if strict
     */
    public final Table parse(String text) {
        Objects.requireNonNull(text, "text");
        List<ParseProblem> problems = new ArrayList<>(0);
        return cursor(new Source(text), RowCursor.sink(strict, problems::add)).toTable(problems);
    }

    /**
     * Parses an output kept as bytes.
     *
     * @param bytes the output
     * @param charset its encoding; malformed input is replaced, not refused
     * @return its header's titles, its rows and the problems met
     * @throws MalformedOutputException at the first problem, if strict
     */
    public final Table parse(byte[] bytes, Charset charset) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(charset, "charset");
        return parse(new String(bytes, charset));
    }

    /**
     * Streams the rows of an input of any size; only the current record or line is held.
     *
     * @param input the input, not closed
     * @param rows receives each row (not the header), in input order
     * @param problems receives each problem, in input order
     * @return the number of rows passed to {@code rows}
     * @throws IOException if the input cannot be read
     * @throws MalformedOutputException at the first problem, if strict
     */
    public final long read(Reader input, Consumer<Row> rows, Consumer<ParseProblem> problems) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(problems, "problems");
        return cursor(new Source(input), RowCursor.sink(strict, problems)).forEach(rows);
    }

    /**
     * Returns the rows of an input of any size as a lazy stream, which reads the input as it is
     * consumed; only the current record or line is held. Closing the stream does not close the
     * input.
     *
     * @param input the input, not closed
     * @param problems receives each problem, in input order, as the stream meets it
     * @return the rows (not the header); an {@link IOException} surfaces as
     *     {@link java.io.UncheckedIOException}, and in strict mode the first problem as
     *     {@link MalformedOutputException}
     */
    public final Stream<Row> stream(Reader input, Consumer<ParseProblem> problems) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(problems, "problems");
        return cursor(new Source(input), RowCursor.sink(strict, problems)).stream();
    }
}

package io.ddc.parsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Reads rows one at a time; the CSV and column-table scanners are cursors, and the rest is built on them. */
abstract class RowCursor {

    /** @return the next row, or null at the end of the table */
    abstract @Nullable Row next() throws IOException;

    /** @return the column titles, known once the header has been read */
    abstract List<String> columns();

    /** Passes every row to {@code rows}. */
    final long forEach(Consumer<Row> rows) throws IOException {
        long count = 0;
        for (Row row = next(); row != null; row = next()) {
            rows.accept(row);
            count++;
        }
        return count;
    }

    /** Reads everything into a table. */
    final Table toTable(List<ParseProblem> problems) {
        List<Row> rows = new ArrayList<>();
        try {
            forEach(rows::add);
        } catch (IOException impossible) {
            throw new IllegalStateException("a string cannot fail to be read", impossible);
        }
        return new Table(columns(), rows, problems);
    }

    /** @return a lazy sequential stream of the rows */
    final Stream<Row> stream() {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<Row>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Row> action) {
                Row row;
                try {
                    row = next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (row == null) {
                    return false;
                }
                action.accept(row);
                return true;
            }
        }, false);
    }

    /** @return a problem sink that throws at the first problem in strict mode */
    static Consumer<ParseProblem> sink(boolean strict, Consumer<ParseProblem> problems) {
        if (!strict) {
            return problems;
        }
        return problem -> {
            throw new MalformedOutputException(problem);
        };
    }
}

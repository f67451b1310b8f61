package io.ddc.parsers;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole table, as {@code parse} returns it: the column titles, the rows in input order, and the
 * problems met on the way. Immutable and thread-safe.
 */
public final class Table {
    private final List<String> columns;
    private final List<Row> rows;
    private final List<ParseProblem> problems;

    Table(List<String> columns, List<Row> rows, List<ParseProblem> problems) {
        this.columns = columns;
        this.rows = Collections.unmodifiableList(rows);
        this.problems = Collections.unmodifiableList(problems);
    }

    /** @return the column titles from the header; empty without a header, or if none was found */
    public List<String> columns() {
        return columns;
    }

    /** @return the rows, in input order */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Finds the first row that has a value in a column, e.g. the attribute
     * {@code Reallocated_Sector_Ct} in {@code smartctl -A}'s column {@code ATTRIBUTE_NAME}.
     *
     * @param column the column title
     * @param value the cell's exact value
     * @return the first such row, or empty
     * @throws IllegalArgumentException if the table has rows but no column with that title
     * @throws IllegalStateException if the table was read without a header
     */
    public Optional<Row> find(String column, String value) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        for (Row row : rows) {
            if (row.get(column).equals(value)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** @return the parts of the input that were skipped or taken as they were, and why, in input order */
    public List<ParseProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "Table[" + columns.size() + " columns, " + rows.size() + " rows, " + problems.size() + " problems]";
    }
}

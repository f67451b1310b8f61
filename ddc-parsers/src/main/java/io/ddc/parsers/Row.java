package io.ddc.parsers;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * One row of a CSV input or column table: an unmodifiable list of its cells, each trimmed in a
 * column table and exactly as written in CSV, which can also be read by column title. A row is equal
 * to any list with the same cells. Immutable and thread-safe.
 */
public final class Row extends AbstractList<String> implements RandomAccess {
    private final String[] cells;
    private final Columns columns;
    private final long line;

    Row(String[] cells, Columns columns, long line) {
        this.cells = cells;
        this.columns = columns;
        this.line = line;
    }

    /**
     * Returns a cell by position.
     *
     * @param index 0 for the first cell
     * @return the cell
     * @throws IndexOutOfBoundsException if the row has no such cell
     */
    @Override
    public String get(int index) {
        return cells[Objects.checkIndex(index, cells.length)];
    }

    /** @return the number of cells, which in a damaged input can differ from the number of columns */
    @Override
    public int size() {
        return cells.length;
    }

    /**
     * Returns a cell by column title.
     *
     * @param column the title, exactly as in the header (the first column of that title if several
     *     have it)
     * @return the cell, or {@code ""} if this row is shorter than the header (a damaged row, which was
     *     reported as a problem)
     * @throws IllegalArgumentException if no column has that title
     * @throws IllegalStateException if the rows were read without a header
     */
    public String get(String column) {
        Objects.requireNonNull(column, "column");
        int index = columns.indexOf(column);
        return index < cells.length ? cells[index] : "";
    }

    /**
     * Returns the whole number a cell starts with: its first word, digits with an optional sign and
     * an optional {@code %}; what follows the first blank is ignored ({@code "38 (Min/Max 22/40)"}
     * gives 38, {@code "9%"} gives 9).
     *
     * @param column the column title
     * @return the number, or empty if the cell is empty
     * @throws NumberFormatException if the cell does not start with a whole number that fits a long,
     *     e.g. {@code column "RAW_VALUE" on line 61 does not start with a whole number: "n/a"}
     * @throws IllegalArgumentException if no column has that title
     * @throws IllegalStateException if the rows were read without a header
     */
    public OptionalLong longValue(String column) {
        return Texts.leadingLong(get(column).trim(), "column " + Texts.excerpt(column) + " on line " + line);
    }

    /** @return the 1-based line number where the row starts */
    public long line() {
        return line;
    }

    /** @return the column titles from the header, in order; empty for rows read without a header */
    public List<String> columns() {
        return columns.titles();
    }
}

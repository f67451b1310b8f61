package io.ddc.report;

import java.util.List;
import java.util.Objects;

/**
 * One titled table of a report, as text cells, so that the text and the HTML rendering show the
 * same figures ({@link ReportLayout} makes them). Immutable.
 *
 * @param title what the table shows
 * @param headers the column headers
 * @param numeric for each column, whether it holds numbers (aligned right)
 * @param rows the cells, one list per row, as many as there are headers
 * @param notes sentences shown after the rows
 */
record ReportTable(String title, List<String> headers, List<Boolean> numeric, List<List<String>> rows,
        List<String> notes) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if a row or {@code numeric} does not have one entry per header
     */
    ReportTable {
        Objects.requireNonNull(title, "title");
        headers = List.copyOf(headers);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        if (numeric.size() != headers.size()) {
            throw new IllegalArgumentException("numeric has " + numeric.size() + " entries for " + headers.size()
                    + " headers");
        }
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells for "
                        + headers.size() + " headers");
            }
        }
    }
}

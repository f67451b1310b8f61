package io.ddc.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Report} as plain text: the introduction, then each table with its title, columns
 * separated by two spaces, numbers aligned right, and a blank line between tables. Stateless.
 */
final class ReportText {
    private static final String GAP = "  ";

    private ReportText() {}

    /**
     * Renders the report.
     *
     * @param report the report
     * @param everyIteration whether to list every iteration of a long experiment
     * @return the lines, without terminators and without trailing spaces
     */
    static List<String> render(Report report, boolean everyIteration) {
        List<String> lines = new ArrayList<>(ReportLayout.introduction(report));
        for (ReportTable table : ReportLayout.tables(report, everyIteration)) {
            lines.add("");
            lines.addAll(render(table));
        }
        return lines;
    }

    /**
     * Renders one table: its title, the header line, the rows and the notes.
     *
     * @param table the table
     * @return the lines
     */
    static List<String> render(ReportTable table) {
        List<String> lines = new ArrayList<>();
        lines.add(table.title());
        if (!table.rows().isEmpty()) {
            int[] widths = new int[table.headers().size()];
            for (int column = 0; column < widths.length; column++) {
                widths[column] = table.headers().get(column).length();
                for (List<String> row : table.rows()) {
                    widths[column] = Math.max(widths[column], row.get(column).length());
                }
            }
            lines.add(line(table.headers(), widths, table.numeric()));
            for (List<String> row : table.rows()) {
                lines.add(line(row, widths, table.numeric()));
            }
        }
        lines.addAll(table.notes());
        return lines;
    }

    private static String line(List<String> cells, int[] widths, List<Boolean> numeric) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            if (column > 0) {
                line.append(GAP);
            }
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            if (numeric.get(column)) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(padding);
            }
        }
        return line.toString().stripTrailing();
    }
}

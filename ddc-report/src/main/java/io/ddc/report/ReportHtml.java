package io.ddc.report;

import java.util.List;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline style, inline SVG charts
 * ({@link ReportCharts}), the tables of the text report and the definitions; nothing is loaded from
 * anywhere, and the markup is also well-formed XML. Stateless.
 */
final class ReportHtml {
    private static final String STYLE = String.join("\n",
            "body{font-family:sans-serif;margin:2em;color:#222;max-width:64em}",
            "h1{font-size:1.5em}h2{font-size:1.1em;margin-top:1.8em}",
            "table{border-collapse:collapse;margin:.4em 0}",
            "th,td{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}",
            "th{background:#f3f3f3}",
            ".n{text-align:right;font-variant-numeric:tabular-nums}",
            ".note{color:#555}",
            "svg.chart{display:block;max-width:100%;height:auto;font-size:11px}",
            "svg .grid{stroke:#ccc;stroke-width:1}",
            "svg .bar{fill:#1f77b4}",
            ".legend span{margin-right:1.5em}",
            ".swatch{display:inline-block;width:1em;height:.6em;margin-right:.4em}",
            "dt{font-weight:bold;margin-top:.5em}");

    private ReportHtml() {}

    /**
     * Renders the report.
     *
     * @param report the report
     * @param everyIteration whether to list every iteration of a long experiment
     * @return the page
     */
    static String render(Report report, boolean everyIteration) {
        List<String> introduction = ReportLayout.introduction(report);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(introduction.get(0))).append("</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<h1>").append(escape(introduction.get(0))).append("</h1>\n");
        for (String line : introduction.subList(1, introduction.size())) {
            html.append("<p>").append(escape(line)).append("</p>\n");
        }
        String scope = report.probes().size() == 1 ? "probe " + report.probes().get(0).name() : "all probes";
        String hoursTitle = "Availability by hour of day (" + report.zone().getId() + "), " + scope;
        html.append("<h2>").append(escape(hoursTitle)).append("</h2>\n")
                .append(ReportCharts.hourBars(report.hours(), hoursTitle + ": mean % of targets available"));
        String successTitle = "% succeeded per iteration";
        html.append("<h2>").append(escape(successTitle)).append("</h2>\n")
                .append(ReportCharts.successOverTime(report.probes(), successTitle));
        for (ReportTable table : ReportLayout.tables(report, everyIteration)) {
            table(html, table);
        }
        html.append("<h2>Definitions</h2>\n<dl>\n");
        for (List<String> definition : ReportLayout.DEFINITIONS) {
            html.append("<dt>").append(escape(definition.get(0))).append("</dt><dd>").append(escape(definition.get(1)))
                    .append("</dd>\n");
        }
        return html.append("</dl>\n</body>\n</html>\n").toString();
    }

    /**
     * Escapes text for HTML and XML content and attribute values: {@code & < > " '} become
     * references, and characters that XML 1.0 does not allow (control characters other than tab,
     * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD.
     *
     * @param text any text
     * @return the text, safe between tags and between double or single quotes
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        escaped.append(c).append(text.charAt(++i));
                    } else if (isAllowedInXml(c)) {
                        escaped.append(c);
                    } else {
                        escaped.append('\uFFFD');
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean isAllowedInXml(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c < 0xFFFE);
    }

    private static void table(StringBuilder html, ReportTable table) {
        html.append("<h2>").append(escape(table.title())).append("</h2>\n");
        if (!table.rows().isEmpty()) {
            html.append("<table>\n<thead><tr>");
            for (int column = 0; column < table.headers().size(); column++) {
                html.append("<th").append(cellClass(table, column)).append('>')
                        .append(escape(table.headers().get(column))).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                for (int column = 0; column < row.size(); column++) {
                    html.append("<td").append(cellClass(table, column)).append('>').append(escape(row.get(column)))
                            .append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        for (String note : table.notes()) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
    }

    private static String cellClass(ReportTable table, int column) {
        return table.numeric().get(column) ? " class=\"n\"" : "";
    }
}

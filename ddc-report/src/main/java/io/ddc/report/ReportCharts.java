package io.ddc.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws the report's charts as inline SVG, by hand: no library, no script, no font or style sheet
 * from anywhere. Every text put into the SVG goes through {@link ReportHtml#escape}. Stateless.
 */
final class ReportCharts {
    /** A line chart shows at most this many points per probe; more iterations are averaged in groups. */
    static final int MAX_POINTS = 500;
    /** Series with at most this many points also get a dot per point. */
    private static final int MAX_DOTS = 60;
    private static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;
    private static final double PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final double PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    private ReportCharts() {}

    /**
     * A bar per hour of the day: the mean % of targets available in the iterations that started in
     * it; an hour without iterations has no bar.
     *
     * @param hours the 24 hours
     * @param label what the chart shows, for screen readers and as its tooltip
     * @return one {@code <svg>} element
     */
    static String hourBars(List<Report.Hour> hours, String label) {
        StringBuilder svg = open(label);
        percentAxis(svg);
        double slot = PLOT_WIDTH / hours.size();
        for (int i = 0; i < hours.size(); i++) {
            Report.Hour hour = hours.get(i);
            double x = LEFT + i * slot;
            Optional<BigDecimal> percent = hour.percentAvailable();
            if (percent.isPresent()) {
                double height = percent.get().doubleValue() / 100 * PLOT_HEIGHT;
                svg.append("<rect class=\"bar\" x=\"").append(coordinate(x + slot * 0.15)).append("\" y=\"")
                        .append(coordinate(TOP + PLOT_HEIGHT - height)).append("\" width=\"")
                        .append(coordinate(slot * 0.7)).append("\" height=\"").append(coordinate(height))
                        .append("\"><title>").append(ReportHtml.escape(String.format(Locale.ROOT,
                                "%02d:00-%02d:00: %s%% available, %d iteration%s", hour.hour(), (hour.hour() + 1) % 24,
                                percent.get().toPlainString(), hour.iterations(), hour.iterations() == 1 ? "" : "s")))
                        .append("</title></rect>\n");
            }
            svg.append(text(x + slot / 2, TOP + PLOT_HEIGHT + 14, "middle", String.format(Locale.ROOT, "%02d",
                    hour.hour())));
        }
        svg.append(text(LEFT + PLOT_WIDTH / 2, HEIGHT - 6, "middle", "hour of day"));
        return svg.append("</svg>\n").toString();
    }

    /**
     * One line per probe: each iteration's % succeeded over time, averaged in groups when a probe
     * has more than {@link #MAX_POINTS} iterations.
     *
     * @param probes the probes
     * @param label what the chart shows, for screen readers and as its tooltip
     * @return one {@code <svg>} element followed by its legend
     */
    static String successOverTime(List<Report.Probe> probes, String label) {
        StringBuilder svg = open(label);
        percentAxis(svg);
        Optional<Report.Period> period = probes.stream().map(Report.Probe::period).flatMap(Optional::stream)
                .reduce(Report.Period::union);
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        if (period.isPresent()) {
            long first = period.get().firstId();
            long span = period.get().lastId() - first;
            for (int p = 0; p < probes.size(); p++) {
                Report.Probe probe = probes.get(p);
                String colour = PALETTE.get(p % PALETTE.size());
                Series series = points(probe.iterations());
                StringBuilder polyline = new StringBuilder();
                StringBuilder dots = new StringBuilder();
                for (double[] point : series.points()) {
                    double x = span == 0 ? LEFT + PLOT_WIDTH / 2 : LEFT + (point[0] - first) / span * PLOT_WIDTH;
                    double y = TOP + PLOT_HEIGHT - point[1] / 100 * PLOT_HEIGHT;
                    polyline.append(polyline.length() == 0 ? "" : " ").append(coordinate(x)).append(',')
                            .append(coordinate(y));
                    if (series.points().size() <= MAX_DOTS) {
                        dots.append("<circle cx=\"").append(coordinate(x)).append("\" cy=\"").append(coordinate(y))
                                .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
                    }
                }
                if (!series.points().isEmpty()) {
                    svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour)
                            .append("\" points=\"").append(polyline).append("\"><title>")
                            .append(ReportHtml.escape(probe.name())).append("</title></polyline>\n").append(dots);
                }
                legend.append("<span><span class=\"swatch\" style=\"background:").append(colour).append("\"></span>")
                        .append(ReportHtml.escape(probe.name()));
                if (series.perPoint() > 1) {
                    legend.append(" (each point: the mean of up to ").append(series.perPoint()).append(" iterations)");
                }
                legend.append("</span> ");
            }
            svg.append(text(LEFT, HEIGHT - 6, "start", ReportLayout.start(first)));
            if (span > 0) {
                svg.append(text(LEFT + PLOT_WIDTH, HEIGHT - 6, "end", ReportLayout.start(period.get().lastId())));
            }
        } else {
            svg.append(text(LEFT + PLOT_WIDTH / 2, TOP + PLOT_HEIGHT / 2, "middle", "no iterations"));
        }
        svg.append(text(LEFT + PLOT_WIDTH / 2, HEIGHT - 6, "middle", "iteration start (UTC)"));
        return svg.append("</svg>\n").append(legend.toString().stripTrailing()).append("</p>\n").toString();
    }

    /**
     * The points of one probe: (iteration id, % succeeded), for the iterations that list targets,
     * averaged over consecutive groups so that there are at most {@link #MAX_POINTS}.
     */
    static Series points(List<Report.Iteration> iterations) {
        List<Report.Iteration> withTargets = iterations.stream().filter(i -> i.targets() > 0).toList();
        int perPoint = Math.max(1, (withTargets.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> points = new ArrayList<>();
        for (int start = 0; start < withTargets.size(); start += perPoint) {
            List<Report.Iteration> group = withTargets.subList(start, Math.min(withTargets.size(), start + perPoint));
            double time = 0;
            double percent = 0;
            for (Report.Iteration iteration : group) {
                time += iteration.id();
                percent += 100.0 * iteration.succeeded() / iteration.targets();
            }
            points.add(new double[] {time / group.size(), percent / group.size()});
        }
        return new Series(points, perPoint);
    }

    /**
     * The points of a line.
     *
     * @param points (epoch second, % succeeded) pairs, in time order
     * @param perPoint how many iterations each point averages
     */
    record Series(List<double[]> points, int perPoint) {}

    private static StringBuilder open(String label) {
        String escaped = ReportHtml.escape(label);
        return new StringBuilder("<svg class=\"chart\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" aria-label=\"").append(escaped).append("\">\n<title>").append(escaped).append("</title>\n");
    }

    /** Horizontal grid lines and labels every 25 %. */
    private static void percentAxis(StringBuilder svg) {
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = TOP + PLOT_HEIGHT - percent / 100.0 * PLOT_HEIGHT;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(coordinate(y))
                    .append("\" x2=\"").append(coordinate(LEFT + PLOT_WIDTH)).append("\" y2=\"").append(coordinate(y))
                    .append("\"/>\n");
            svg.append(text(LEFT - 6, y + 4, "end", percent + "%"));
        }
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor + "\">"
                + ReportHtml.escape(content) + "</text>\n";
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

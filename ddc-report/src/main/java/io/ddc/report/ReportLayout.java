package io.ddc.report;

import io.ddc.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lays a {@link Report} out as an introduction and titled {@link ReportTable}s, shared by the text
 * and the HTML rendering: most telling first (executions by probe, availability of each target and
 * by hour of day for all probes together), then each probe's iterations, targets and hours.
 * Stateless.
 */
final class ReportLayout {
    /** Above this many iterations, a probe's iteration table is left out unless asked for. */
    static final int MAX_ITERATIONS_LISTED = 50;

    /** What an execution is. */
    static final String EXECUTION = "one (target, probe) pair in one iteration: a trace line lists each"
            + " target once, as succeeded, failed or unavailable";
    /** When a target is available. */
    static final String AVAILABLE = "a target that answered in an iteration: succeeded or failed (for all"
            + " probes: for at least one probe); unavailable is what the availability check found down";
    /** What % succeeded is. */
    static final String PERCENT_SUCCEEDED = "100 * succeeded / executions, as the trace lines' %succeeded";
    /** What % available is. */
    static final String PERCENT_AVAILABLE = "of executions: 100 * (succeeded + failed) / executions; of a"
            + " target: 100 * iterations in which it was available / iterations in which it appears";
    /** What the by-hour figures are. */
    static final String BY_HOUR = "the iterations whose start (the iteration id) falls in that hour in the"
            + " time zone; % available = the mean of each iteration's 100 * available targets / targets,"
            + " % succeeded = the mean of each iteration's % succeeded (for all probes: its succeeded"
            + " executions / its executions)";
    /** How numbers are written. */
    static final String NUMBERS = "one decimal, rounded half up from the exact value; '-' where there is"
            + " nothing to divide by";

    /** The definitions, term and meaning, for the HTML page (the help text holds the same). */
    static final List<List<String>> DEFINITIONS = List.of(
            List.of("execution", EXECUTION),
            List.of("available", AVAILABLE),
            List.of("% succeeded", PERCENT_SUCCEEDED),
            List.of("% available", PERCENT_AVAILABLE),
            List.of("by hour of day", BY_HOUR),
            List.of("numbers", NUMBERS));

    private static final String ALL_PROBES = "all probes";
    private static final String NONE = "-";

    private ReportLayout() {}

    /**
     * The report's opening lines: folder, probes, targets, iterations and period.
     *
     * @param report the report
     * @return the lines, without line terminators
     */
    static List<String> introduction(Report report) {
        List<String> lines = new ArrayList<>();
        lines.add("DDC report of " + report.folder());
        List<String> probeNames = report.probes().stream().map(Report.Probe::name).toList();
        String iterations = "iterations: " + report.all().iterations();
        Optional<Report.Period> period = report.period();
        if (period.isPresent()) {
            iterations += ", from " + start(period.get().firstId()) + " to " + start(period.get().lastId());
        }
        lines.add("probes: " + String.join(", ", probeNames) + "; targets: " + report.targets().size() + "; "
                + iterations);
        return lines;
    }

    /**
     * The report's tables, in reading order.
     *
     * @param report the report
     * @param everyIteration whether to list every iteration even above {@link #MAX_ITERATIONS_LISTED}
     * @return the tables
     */
    static List<ReportTable> tables(Report report, boolean everyIteration) {
        List<ReportTable> tables = new ArrayList<>();
        tables.add(probes(report));
        tables.add(reasons(report));
        boolean several = report.probes().size() > 1;
        if (several) {
            tables.add(targets("All probes: targets", report.targets()));
            tables.add(hours("All probes: availability by hour of day (" + report.zone().getId() + ")",
                    report.hours()));
        }
        for (Report.Probe probe : report.probes()) {
            String prefix = "Probe " + probe.name() + ": ";
            tables.add(iterations(prefix, probe, everyIteration));
            probe.summary().ifPresent(summary -> tables.add(summary(prefix, summary)));
            tables.add(targets(prefix + "targets", probe.targets()));
            tables.add(hours(prefix + "availability by hour of day (" + report.zone().getId() + ")", probe.hours()));
        }
        return tables;
    }

    /** @return the ISO-8601 UTC form of an iteration's start, such as {@code 2004-04-14T13:13:10Z} */
    static String start(long iterationId) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(iterationId));
    }

    private static ReportTable probes(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (Report.Probe probe : report.probes()) {
            rows.add(executionsRow(probe.name(), probe.executions()));
        }
        if (report.probes().size() > 1) {
            rows.add(executionsRow(ALL_PROBES, report.all()));
        }
        return new ReportTable("Executions by probe",
                List.of("probe", "iterations", "executions", "succeeded", "failed", "unavailable", "% available",
                        "% succeeded"),
                List.of(false, true, true, true, true, true, true, true), rows, List.of());
    }

    private static ReportTable reasons(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ReasonTally.Reason reason : report.reasons()) {
            rows.add(List.of(reason.probe() == null ? ALL_PROBES : reason.probe(),
                    reason.outcome() == Outcome.FAILED ? "failed" : "unavailable", number(reason.results()),
                    number(reason.targets().size()), reason.reason()));
        }
        List<String> notes = report.storedRecords() == 0
                ? List.of("no stored records: the reasons are in the headers of <target>/<probe>.stdout, which this"
                        + " folder does not hold")
                : rows.isEmpty() ? List.of("none of the " + report.storedRecords() + " stored records failed or was"
                        + " unavailable")
                : List.of("the " + ReportBuilder.REASONS_PER_PROBE + " most frequent of each probe, from the headers"
                        + " of " + report.storedRecords() + " stored records");
        return new ReportTable("Why executions failed or targets were unavailable",
                List.of("probe", "outcome", "results", "targets", "reason"), List.of(false, false, true, true, false),
                rows, notes);
    }

    private static List<String> executionsRow(String name, Report.Executions executions) {
        return List.of(name, number(executions.iterations()), number(executions.executions()),
                number(executions.succeeded()), number(executions.failed()), number(executions.unavailable()),
                number(executions.percentAvailable()), number(executions.percentSucceeded()));
    }

    private static ReportTable iterations(String prefix, Report.Probe probe, boolean everyIteration) {
        List<String> headers = List.of("iteration", "start (UTC)", "succeeded", "failed", "unavailable",
                "% succeeded", "seconds");
        List<Boolean> numeric = List.of(true, false, true, true, true, true, true);
        int count = probe.iterations().size();
        if (count == 0) {
            return new ReportTable(prefix + "iterations", headers, numeric, List.of(),
                    List.of("no iterations: the trace file has no well-formed line"));
        }
        if (count > MAX_ITERATIONS_LISTED && !everyIteration) {
            return new ReportTable(prefix + "iterations", headers, numeric, List.of(),
                    List.of(count + " iterations, more than " + MAX_ITERATIONS_LISTED + ": the summary follows;"
                            + " --iterations lists each one"));
        }
        List<List<String>> rows = new ArrayList<>(count);
        for (Report.Iteration iteration : probe.iterations()) {
            rows.add(List.of(Long.toString(iteration.id()), start(iteration.id()), number(iteration.succeeded()),
                    number(iteration.failed()), number(iteration.unavailable()), number(iteration.percentSucceeded()),
                    iteration.seconds().toPlainString()));
        }
        return new ReportTable(prefix + "iterations", headers, numeric, rows, List.of());
    }

    private static ReportTable summary(String prefix, Report.Summary summary) {
        Report.Period period = summary.period();
        String title = prefix + "summary of " + summary.count() + " iteration" + (summary.count() == 1 ? "" : "s")
                + ", from " + period.firstId() + " (" + start(period.firstId()) + ") to " + period.lastId() + " ("
                + start(period.lastId()) + ")";
        List<List<String>> rows = new ArrayList<>();
        rows.add(statRow("succeeded", Optional.of(summary.succeeded())));
        rows.add(statRow("failed", Optional.of(summary.failed())));
        rows.add(statRow("unavailable", Optional.of(summary.unavailable())));
        rows.add(statRow("% succeeded", summary.percentSucceeded()));
        rows.add(statRow("seconds", Optional.of(summary.seconds())));
        return new ReportTable(title, List.of("per iteration", "mean", "min", "max"),
                List.of(false, true, true, true), rows, List.of());
    }

    private static List<String> statRow(String name, Optional<Report.Stat> stat) {
        return List.of(name, number(stat.map(Report.Stat::mean)), number(stat.map(Report.Stat::min)),
                number(stat.map(Report.Stat::max)));
    }

    private static ReportTable targets(String title, List<Report.Target> targets) {
        List<List<String>> rows = new ArrayList<>(targets.size());
        for (Report.Target target : targets) {
            rows.add(List.of(target.name(), number(target.iterations()), number(target.available()),
                    number(target.percentAvailable()), number(target.succeeded()), number(target.failed()),
                    number(target.unavailable()), number(target.percentSucceeded())));
        }
        return new ReportTable(title, List.of("target", "iterations", "available", "% available", "succeeded",
                "failed", "unavailable", "% succeeded"), List.of(false, true, true, true, true, true, true, true), rows,
                targets.isEmpty() ? List.of("no targets") : List.of());
    }

    private static ReportTable hours(String title, List<Report.Hour> hours) {
        List<List<String>> rows = new ArrayList<>(hours.size());
        for (Report.Hour hour : hours) {
            if (hour.iterations() > 0) {
                rows.add(List.of(String.format(Locale.ROOT, "%02d", hour.hour()), number(hour.iterations()),
                        number(hour.percentAvailable()), number(hour.percentSucceeded())));
            }
        }
        List<String> notes = rows.size() == hours.size() ? List.of()
                : rows.isEmpty() ? List.of("no iterations") : List.of("no iterations in the other hours");
        return new ReportTable(title, List.of("hour", "iterations", "% available", "% succeeded"),
                List.of(false, true, true, true), rows, notes);
    }

    private static String number(long value) {
        return Long.toString(value);
    }

    private static String number(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse(NONE);
    }
}

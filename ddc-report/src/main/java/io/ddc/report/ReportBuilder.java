package io.ddc.report;

import io.ddc.Outcome;
import io.ddc.TraceLine;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.OutputFile;
import io.ddc.files.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes a {@link Report} from trace lines, as they are read: a probe's lines are tallied one by
 * one, so only a small row per line is kept (for the iteration table), not the lists of names. The
 * definitions of the figures are on {@link Report}. Not thread-safe: one builder per report.
 *
 * <pre>{@code
 * ReportBuilder builder = new ReportBuilder("ddc-data/lab", ZoneId.of("UTC"));
 * builder.readTraceFile(Path.of("ddc-data/lab/loadavg.trace"), System.err::println);
 * Report report = builder.build();
 * }</pre>
 */
final class ReportBuilder {
    /** Target names compare by their runs of digits as numbers, so that {@code m2} comes before {@code m10}. */
    static final Comparator<String> NATURAL_ORDER = ReportBuilder::compareNaturally;

    /** The most reasons of each outcome reported for a probe. */
    static final int REASONS_PER_PROBE = 5;
    private static final int HOURS = 24;

    private final String folder;
    private final ZoneId zone;
    private final Map<String, ProbeTally> probes = new TreeMap<>();
    /** All probes together: the targets seen and available in each iteration, by iteration id. */
    private final Map<Long, MergedIteration> merged = new HashMap<>();
    private final Map<String, Integer> targetIndex = new HashMap<>();
    private final List<String> targetNames = new ArrayList<>();
    private final ReasonTally reasons = new ReasonTally();
    private long storedRecords;

    /**
     * Starts an empty report.
     *
     * @param folder the experiment folder, as it is to be shown
     * @param zone the time zone of the hours of day
     */
    ReportBuilder(String folder, ZoneId zone) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Reads one probe's trace file; the probe is the file's name without {@code .trace}. A file
     * without a well-formed line still makes a probe, with no iterations.
     *
     * @param file a {@code <probe>.trace} file
     * @param problems receives one message per damaged line, naming the file and the line
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file's name does not end with {@code .trace}
     */
    void readTraceFile(Path file, Consumer<String> problems) throws IOException {
        String probe = ExperimentFolder.probeOfTraceFile(file)
                .orElseThrow(() -> new IllegalArgumentException("not a trace file: " + file));
        addProbe(probe);
        TraceReader.read(file, line -> add(probe, line), problems);
    }

    /**
     * Makes sure the probe is in the report, even if it gets no line.
     *
     * @param probe the probe's name
     */
    void addProbe(String probe) {
        probes.computeIfAbsent(Objects.requireNonNull(probe, "probe"), name -> new ProbeTally());
    }

    /**
     * Tallies one trace line of a probe.
     *
     * @param probe the probe's name
     * @param line one of its trace lines
     */
    void add(String probe, TraceLine line) {
        Objects.requireNonNull(line, "line");
        probes.computeIfAbsent(Objects.requireNonNull(probe, "probe"), name -> new ProbeTally()).add(line, hourOf(line));
        MergedIteration iteration = merged.computeIfAbsent(line.iterationId(), id -> new MergedIteration());
        for (String target : line.succeeded()) {
            iteration.add(index(target), true);
        }
        for (String target : line.failed()) {
            iteration.add(index(target), true);
        }
        for (String target : line.unavailable()) {
            iteration.add(index(target), false);
        }
        iteration.succeeded += line.succeeded().size();
        iteration.executions += line.total();
    }

    /**
     * Counts the reasons stored in the record headers of one output file: why executions failed and
     * targets were unavailable.
     *
     * @param probe the probe's name
     * @param target the target, as its folder is named
     * @param stdout its {@code <target>/<probe>.stdout} file
     * @param problems receives what is wrong with the file, if anything (its records up to there count)
     * @throws IOException if the file cannot be read
     */
    void readOutputFile(String probe, String target, Path stdout, Consumer<String> problems) throws IOException {
        OutputFile.Index index = OutputFile.index(stdout);
        index.problem().ifPresent(problem -> problems.accept(stdout + ": " + problem));
        for (OutputFile.Record record : index.records()) {
            storedRecords++;
            if (record.outcome() != Outcome.SUCCEEDED) {
                reasons.add(record.outcome(), probe, target, record.reason());
            }
        }
    }

    /** @return the report of every line added so far */
    Report build() {
        List<Report.Probe> probeReports = new ArrayList<>();
        long succeeded = 0;
        long failed = 0;
        long unavailable = 0;
        Map<String, long[]> executionsByTarget = new HashMap<>();
        for (Map.Entry<String, ProbeTally> probe : probes.entrySet()) {
            ProbeTally tally = probe.getValue();
            probeReports.add(tally.build(probe.getKey()));
            succeeded += tally.succeeded;
            failed += tally.failed;
            unavailable += tally.unavailable;
            tally.targets.forEach((target, counts) -> {
                long[] sum = executionsByTarget.computeIfAbsent(target, name -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    sum[i] += counts[i];
                }
            });
        }
        long[] seen = new long[targetNames.size()];
        long[] available = new long[targetNames.size()];
        HourTally hours = new HourTally();
        for (Map.Entry<Long, MergedIteration> entry : merged.entrySet()) {
            MergedIteration iteration = entry.getValue();
            iteration.seen.stream().forEach(i -> seen[i]++);
            iteration.available.stream().forEach(i -> available[i]++);
            hours.add(hourOf(entry.getKey()), iteration.available.cardinality(), iteration.seen.cardinality(),
                    iteration.succeeded, iteration.executions);
        }
        List<Report.Target> targets = new ArrayList<>();
        for (int i = 0; i < targetNames.size(); i++) {
            String name = targetNames.get(i);
            long[] counts = executionsByTarget.getOrDefault(name, new long[3]);
            targets.add(new Report.Target(name, seen[i], available[i], counts[0], counts[1], counts[2]));
        }
        targets.sort(Comparator.comparing(Report.Target::name, NATURAL_ORDER));
        return new Report(folder, zone, probeReports,
                new Report.Executions(merged.size(), succeeded, failed, unavailable), targets, hours.build(),
                reasons.top(REASONS_PER_PROBE), storedRecords);
    }

    private int index(String target) {
        return targetIndex.computeIfAbsent(target, name -> {
            targetNames.add(name);
            return targetNames.size() - 1;
        });
    }

    private int hourOf(TraceLine line) {
        return hourOf(line.iterationId());
    }

    private int hourOf(long iterationId) {
        return Instant.ofEpochSecond(iterationId).atZone(zone).getHour();
    }

    private static int compareNaturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = endOfDigits(a, i);
                int endB = endOfDigits(b, j);
                int order = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (order != 0) {
                    return order;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int order = Integer.compare(a.length() - i, b.length() - j);
        // names that differ only in leading zeros still need a fixed order
        return order != 0 ? order : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int endOfDigits(String s, int start) {
        int end = start;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }

    /** One probe's lines, tallied. */
    private static final class ProbeTally {
        private final List<Report.Iteration> iterations = new ArrayList<>();
        /** Per target: succeeded, failed, unavailable. */
        private final Map<String, long[]> targets = new HashMap<>();
        private final HourTally hours = new HourTally();
        private long succeeded;
        private long failed;
        private long unavailable;

        void add(TraceLine line, int hour) {
            iterations.add(new Report.Iteration(line.iterationId(), line.succeeded().size(), line.failed().size(),
                    line.unavailable().size(), line.elapsed()));
            succeeded += line.succeeded().size();
            failed += line.failed().size();
            unavailable += line.unavailable().size();
            count(line.succeeded(), 0);
            count(line.failed(), 1);
            count(line.unavailable(), 2);
            int answered = line.succeeded().size() + line.failed().size();
            hours.add(hour, answered, line.total(), line.succeeded().size(), line.total());
        }

        private void count(List<String> names, int column) {
            for (String name : names) {
                targets.computeIfAbsent(name, n -> new long[3])[column]++;
            }
        }

        Report.Probe build(String name) {
            List<Report.Target> targetReports = new ArrayList<>();
            targets.forEach((target, counts) -> targetReports.add(new Report.Target(target,
                    counts[0] + counts[1] + counts[2], counts[0] + counts[1], counts[0], counts[1], counts[2])));
            targetReports.sort(Comparator.comparing(Report.Target::name, NATURAL_ORDER));
            return new Report.Probe(name, new Report.Executions(iterations.size(), succeeded, failed, unavailable),
                    iterations, targetReports, hours.build());
        }
    }

    /** The iterations of each hour of the day and the means of their percentages. */
    private static final class HourTally {
        private final long[] iterations = new long[HOURS];
        private final ReportMath.MeanOfPercents[] available = new ReportMath.MeanOfPercents[HOURS];
        private final ReportMath.MeanOfPercents[] succeeded = new ReportMath.MeanOfPercents[HOURS];

        HourTally() {
            for (int hour = 0; hour < HOURS; hour++) {
                available[hour] = new ReportMath.MeanOfPercents();
                succeeded[hour] = new ReportMath.MeanOfPercents();
            }
        }

        void add(int hour, long availableTargets, long targets, long succeededExecutions, long executions) {
            iterations[hour]++;
            available[hour].add(availableTargets, targets);
            succeeded[hour].add(succeededExecutions, executions);
        }

        List<Report.Hour> build() {
            List<Report.Hour> hours = new ArrayList<>(HOURS);
            for (int hour = 0; hour < HOURS; hour++) {
                hours.add(new Report.Hour(hour, iterations[hour], available[hour].value(), succeeded[hour].value()));
            }
            return hours;
        }
    }

    /** All probes' lines of one iteration id: which targets appeared, which answered. */
    private static final class MergedIteration {
        private final BitSet seen = new BitSet();
        private final BitSet available = new BitSet();
        private long succeeded;
        private long executions;

        void add(int target, boolean answered) {
            seen.set(target);
            if (answered) {
                available.set(target);
            }
        }
    }
}

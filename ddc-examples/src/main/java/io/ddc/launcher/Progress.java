package io.ddc.launcher;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationStart;
import io.ddc.IterationSummary;
import io.ddc.NextIteration;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Schedule;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Shows how a run progresses, from the public {@link ExperimentListener} callbacks, on a
 * {@link ProgressConsole}:
 *
 * <ul>
 *   <li>on a terminal, a live status line of the running iteration, rewritten after each result:
 *       {@code iteration 2 of 3: 1/3 targets done; 4 succeeded, 1 failed, 0 unavailable};</li>
 *   <li>otherwise plain lines: one when an iteration starts, and one per target when its visit
 *       is done, {@code   [1/3] 127.0.0.1: 4 succeeded, 1 failed, 0 unavailable};</li>
 *   <li>always one summary line per iteration, with the figures of its trace lines added over the
 *       probes: {@code iteration 2 of 3 (id 1712345678): 8 succeeded, 2 failed, 2 unavailable
 *       (66.7% succeeded) in 2.1 s}, the percentage and seconds rounded half up to one decimal as
 *       in a trace line;</li>
 *   <li>while it waits for the next iteration, {@code next iteration at 14:05:00} (the
 *       coordinator's local time), as the status line on a terminal.</li>
 * </ul>
 *
 * <p>{@linkplain Options#quiet() Quiet}, only the summary line is printed, with the time of the
 * next iteration at its end: one line per iteration, for long runs whose output goes to a file.
 * {@linkplain Options#showOutput() With the output}, each execution's standard output and error
 * follow, one line each, prefixed by the target (and the probe, when there are several), as
 * {@code parallel-ssh -i} shows them; a line of standard error has {@code stderr} after the prefix.
 *
 * <p>A target's visit is done when a result has arrived for each probe it runs: every probe in a
 * periodic schedule; in a single-shot schedule, every probe whose pair has not succeeded in an
 * earlier iteration of this run. (A resumed single-shot experiment may also skip pairs that
 * succeeded in an earlier run, which no callback tells; its first status line may then count fewer
 * targets done than there are. The summary line is exact.)
 *
 * <p>Thread-safe: the engine calls it from several threads; each callback holds its lock.
 */
final class Progress implements ExperimentListener {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ProgressConsole console;
    private final Options options;
    private final int probes;
    private final boolean singleShot;
    private final long plannedIterations;

    private int iteration;
    private int targets;
    private int targetsDone;
    private final int[] counts = new int[Outcome.values().length];
    /** The targets of the running iteration that have results. */
    private final Map<String, Visit> visits = new HashMap<>();
    /** In a single-shot schedule, the targets and probes whose pair has succeeded. */
    private final Map<String, Set<String>> succeeded = new HashMap<>();
    /** A quiet summary line, held until the time of the next iteration is known. */
    private @Nullable String heldSummary;

    /**
     * What to show besides the iterations.
     *
     * @param quiet one line per iteration, not one per target
     * @param showOutput each execution's output, prefixed by its target
     * @param zone the time zone of the next iteration's time
     */
    record Options(boolean quiet, boolean showOutput, ZoneId zone) {
        Options {
            Objects.requireNonNull(zone, "zone");
        }

        /** @return one line per target, no output, the coordinator's time zone */
        static Options defaults() {
            return new Options(false, false, ZoneId.systemDefault());
        }
    }

    /**
     * Creates the listener with {@link Options#defaults()}.
     *
     * @param console where it prints
     * @param probeNames the experiment's probes
     * @param schedule the experiment's schedule
     */
    Progress(ProgressConsole console, List<String> probeNames, Schedule schedule) {
        this(console, probeNames, schedule, Options.defaults());
    }

    /**
     * Creates the listener.
     *
     * @param console where it prints
     * @param probeNames the experiment's probes
     * @param schedule the experiment's schedule
     * @param options what to show besides the iterations
     */
    Progress(ProgressConsole console, List<String> probeNames, Schedule schedule, Options options) {
        this.console = Objects.requireNonNull(console, "console");
        this.options = Objects.requireNonNull(options, "options");
        this.probes = probeNames.size();
        this.singleShot = schedule.mode() == Schedule.Mode.SINGLE_SHOT;
        this.plannedIterations = schedule.maxIterations().orElse(0);
    }

    @Override
    public synchronized void iterationStarted(IterationStart start) {
        long iterationId = start.iterationId();
        int targetCount = start.targets();
        iteration++;
        targets = targetCount;
        targetsDone = 0;
        Arrays.fill(counts, 0);
        visits.clear();
        if (console.isTerminal()) {
            console.status(status());
        } else if (!options.quiet()) {
            console.line(iterationName() + " (id " + iterationId + ") started: " + targetCount + " target(s)");
        }
    }

    @Override
    public synchronized void executionFinished(ExecutionResult result) {
        String target = result.target().name();
        Outcome outcome = result.outcome();
        counts[outcome.ordinal()]++;
        // the probes to run on a target are known when its first result arrives, before it adds its own
        Visit visit = visits.computeIfAbsent(target,
                name -> new Visit(probes - succeeded.getOrDefault(name, Set.of()).size()));
        visit.counts[outcome.ordinal()]++;
        boolean done = total(visit.counts) == visit.expected;
        if (singleShot && outcome == Outcome.SUCCEEDED) {
            succeeded.computeIfAbsent(target, name -> new HashSet<>()).add(result.probe());
        }
        if (done) {
            targetsDone++;
        }
        if (options.showOutput()) {
            showOutput(result);
        }
        if (console.isTerminal()) {
            console.status(status());
        } else if (done && !options.quiet()) {
            console.line("  [" + targetsDone + "/" + targets + "] " + target + ": " + counts(visit.counts));
        }
    }

    private void showOutput(ExecutionResult result) {
        String prefix = result.target().name() + (probes > 1 ? " " + result.probe() : "");
        printLines(prefix + ": ", result.stdout());
        printLines(prefix + " stderr: ", result.stderr());
    }

    private void printLines(String prefix, Output output) {
        if (output.size() == 0) {
            return;
        }
        String text = output.text();
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        for (String line : text.split("\\r?\\n", -1)) {
            console.line(prefix + line);
        }
        if (output.isTruncated()) {
            console.line(prefix + "... (" + output.capturedSize() + " of " + output.size()
                    + " bytes shown; the whole output is stored)");
        }
    }

    @Override
    public synchronized void iterationFinished(IterationSummary summary) {
        console.clearStatus();
        int total = summary.succeeded() + summary.failed() + summary.unavailable();
        String line = iterationName() + " (id " + summary.iterationId() + "): " + summary.succeeded() + " succeeded, "
                + summary.failed() + " failed, " + summary.unavailable() + " unavailable ("
                + tenths(percentTenths(summary.succeeded(), total)) + "% succeeded) in "
                + tenths((summary.elapsed().toMillis() + 50) / 100) + " s";
        if (options.quiet()) {
            finish();
            heldSummary = line;
        } else {
            console.line(line);
        }
    }

    @Override
    public synchronized void waitingForNextIteration(NextIteration next) {
        String at = CLOCK.format(next.start().atZone(options.zone()));
        String held = heldSummary;
        heldSummary = null;
        if (held != null) {
            console.line(held + "; next iteration at " + at);
        } else if (console.isTerminal()) {
            console.status("next iteration at " + at);
        } else {
            console.line("next iteration at " + at);
        }
    }

    /** Prints a quiet summary line still held; call it once the run has ended. */
    synchronized void finish() {
        String held = heldSummary;
        heldSummary = null;
        if (held != null) {
            console.line(held);
        }
    }

    private String status() {
        return iterationName() + ": " + targetsDone + "/" + targets + " targets done; " + counts(counts);
    }

    private String iterationName() {
        return "iteration " + iteration + (plannedIterations > 0 ? " of " + plannedIterations : "");
    }

    private static String counts(int[] byOutcome) {
        return byOutcome[Outcome.SUCCEEDED.ordinal()] + " succeeded, " + byOutcome[Outcome.FAILED.ordinal()]
                + " failed, " + byOutcome[Outcome.UNAVAILABLE.ordinal()] + " unavailable";
    }

    private static int total(int[] byOutcome) {
        int sum = 0;
        for (int count : byOutcome) {
            sum += count;
        }
        return sum;
    }

    /** As a trace line has it: 100 × succeeded / total in tenths, half up; 0 for no pair. */
    private static long percentTenths(int succeededPairs, int total) {
        return total == 0 ? 0 : (2000L * succeededPairs + total) / (2L * total);
    }

    private static String tenths(long tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    /** One target's visit in the running iteration. */
    private static final class Visit {
        /** How many results the visit brings. */
        final int expected;
        /** The count of each outcome so far. */
        final int[] counts = new int[Outcome.values().length];

        Visit(int expected) {
            this.expected = expected;
        }
    }

    @Override
    public String toString() {
        return "Progress[" + (console.isTerminal() ? "terminal" : "plain lines") + "]";
    }
}

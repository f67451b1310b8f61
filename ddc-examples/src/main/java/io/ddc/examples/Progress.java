package io.ddc.examples;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.Schedule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 *       in a trace line.</li>
 * </ul>
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
    private final ProgressConsole console;
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

    /**
     * Creates the listener.
     *
     * @param console where it prints
     * @param probeNames the experiment's probes
     * @param schedule the experiment's schedule
     */
    Progress(ProgressConsole console, List<String> probeNames, Schedule schedule) {
        this.console = Objects.requireNonNull(console, "console");
        this.probes = probeNames.size();
        this.singleShot = schedule.mode() == Schedule.Mode.SINGLE_SHOT;
        this.plannedIterations = schedule.maxIterations().orElse(0);
    }

    @Override
    public synchronized void iterationStarted(String experiment, long iterationId, int targetCount) {
        iteration++;
        targets = targetCount;
        targetsDone = 0;
        Arrays.fill(counts, 0);
        visits.clear();
        if (console.isTerminal()) {
            console.status(status());
        } else {
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
        if (console.isTerminal()) {
            console.status(status());
        } else if (done) {
            console.line("  [" + targetsDone + "/" + targets + "] " + target + ": " + counts(visit.counts));
        }
    }

    @Override
    public synchronized void iterationFinished(IterationSummary summary) {
        console.clearStatus();
        int total = summary.succeeded() + summary.failed() + summary.unavailable();
        console.line(iterationName() + " (id " + summary.iterationId() + "): " + summary.succeeded() + " succeeded, "
                + summary.failed() + " failed, " + summary.unavailable() + " unavailable ("
                + tenths(percentTenths(summary.succeeded(), total)) + "% succeeded) in "
                + tenths((summary.elapsed().toMillis() + 50) / 100) + " s");
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

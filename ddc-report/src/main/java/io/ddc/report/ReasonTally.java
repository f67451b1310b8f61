package io.ddc.report;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.Failure;
import io.ddc.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Counts why executions failed and targets were unavailable, grouped by reason, for the end of a
 * run (as a listener) and for the report: each group is an outcome, a probe (or none, for unavailability seen
 * by every probe alike), a reason, how many results had it, and on which targets.
 *
 * <pre>
 *   unavailable, 6 results on 127.0.0.3: TCP port 41234 refused the connection
 *   failed, 2 results of probe broken on 127.0.0.1, 127.0.0.2: exit code 2 is not accepted (accepted: 0)
 * </pre>
 *
 * <p>As a listener it counts the results of a run: failures by probe, unavailability by reason
 * alone (the availability check speaks for every probe of a target). Memory is bounded: at most
 * {@link #MAX_GROUPS} groups are kept (later reasons are only counted as others), and each group
 * keeps its targets, which the pool bounds. Thread-safe: every method holds the tally's lock.
 *
 * <pre>{@code
 * ReasonTally reasons = new ReasonTally();
 * Experiment.builder("lab").listener(reasons) ...;
 * // after run.await():
 * reasons.lines(10, "  ").forEach(System.out::println);
 * }</pre>
 */
public final class ReasonTally implements ExperimentListener {
    /** The most groups kept; the results of further reasons are counted together. */
    public static final int MAX_GROUPS = 1_000;
    /** The most targets named on one line. */
    public static final int TARGETS_SHOWN = 10;

    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private long others;

    /** Starts an empty tally. */
    public ReasonTally() {}

    /** What results are grouped by. */
    private record Key(Outcome outcome, @Nullable String probe, String reason) {}

    /** One reason's results. */
    private static final class Group {
        final Key key;
        long results;
        final Set<String> targets = new TreeSet<>(ReportBuilder.NATURAL_ORDER);

        Group(Key key) {
            this.key = key;
        }
    }

    /**
     * Counts one result that did not succeed.
     *
     * @param outcome FAILED or UNAVAILABLE
     * @param probe the probe's name, or null to count it for every probe alike
     * @param target the target's name
     * @param reason why; empty for a record written before reasons were stored
     */
    public synchronized void add(Outcome outcome, @Nullable String probe, String target, String reason) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Key key = new Key(outcome, probe, reason.isEmpty() ? "(no reason stored)" : reason);
        Group group = groups.get(key);
        if (group == null) {
            if (groups.size() >= MAX_GROUPS) {
                others++;
                return;
            }
            group = new Group(key);
            groups.put(key, group);
        }
        group.results++;
        group.targets.add(target);
    }

    /** Counts a run's result that did not succeed. */
    @Override
    public void executionFinished(ExecutionResult result) {
        if (result.succeeded()) {
            return;
        }
        String reason = result.failure().map(Failure::message).orElse("");
        add(result.outcome(), result.outcome() == Outcome.UNAVAILABLE ? null : result.probe(), result.target().name(),
                reason);
    }

    /** @return true if nothing was counted */
    public synchronized boolean isEmpty() {
        return groups.isEmpty() && others == 0;
    }

    /**
     * One reason's results.
     *
     * @param outcome FAILED or UNAVAILABLE
     * @param probe the probe, or null when counted for every probe alike
     * @param reason why
     * @param results how many results had it
     * @param targets on which targets, in natural order of names
     */
    public record Reason(Outcome outcome, @Nullable String probe, String reason, long results, List<String> targets) {
        /**
         * Copies the list and checks the components.
         *
         * @param outcome FAILED or UNAVAILABLE
         * @param probe the probe, or null when counted for every probe alike
         * @param reason why
         * @param results how many results had it
         * @param targets on which targets, in natural order of names
         */
        public Reason {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            targets = List.copyOf(targets);
        }
    }

    /**
     * Returns the most frequent reasons of each probe, probes in name order (those counted for
     * every probe first), unavailability before failures, each by count.
     *
     * @param limit the most reasons of each outcome of each probe
     * @return the reasons
     */
    public synchronized List<Reason> top(int limit) {
        Comparator<Group> order = Comparator.comparing((Group group) -> group.key.probe(),
                        Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(group -> group.key.outcome() == Outcome.FAILED)
                .thenComparingLong(group -> -group.results);
        List<Reason> top = new ArrayList<>();
        Key previous = null;
        int taken = 0;
        for (Group group : groups.values().stream().sorted(order).toList()) {
            boolean sameList = previous != null && previous.outcome() == group.key.outcome()
                    && Objects.equals(previous.probe(), group.key.probe());
            taken = sameList ? taken + 1 : 1;
            previous = group.key;
            if (taken <= limit) {
                top.add(new Reason(group.key.outcome(), group.key.probe(), group.key.reason(), group.results,
                        List.copyOf(group.targets)));
            }
        }
        return top;
    }

    /**
     * @param limit the most reasons of each outcome of each probe, as given to {@link #top}
     * @return how many results are not in {@link #top}
     */
    public synchronized long leftOut(int limit) {
        long shown = top(limit).stream().mapToLong(Reason::results).sum();
        long all = others + groups.values().stream().mapToLong(group -> group.results).sum();
        return all - shown;
    }

    /**
     * Returns {@link #top} as lines, and one for the rest if any was left out.
     *
     * @param limit the most reasons of each outcome of each probe
     * @param indent what each line starts with
     * @return the lines
     */
    public synchronized List<String> lines(int limit, String indent) {
        List<String> lines = new ArrayList<>();
        for (Reason reason : top(limit)) {
            lines.add(indent + line(reason));
        }
        long left = leftOut(limit);
        if (left > 0) {
            lines.add(indent + "and " + left + " result(s) for other reasons");
        }
        return lines;
    }

    private static String line(Reason reason) {
        StringBuilder text = new StringBuilder()
                .append(reason.outcome() == Outcome.FAILED ? "failed, " : "unavailable, ")
                .append(reason.results()).append(reason.results() == 1 ? " result" : " results");
        if (reason.probe() != null) {
            text.append(" of probe ").append(reason.probe());
        }
        return text.append(" on ").append(targets(reason.targets())).append(": ").append(reason.reason()).toString();
    }

    /**
     * Names the targets, at most {@link #TARGETS_SHOWN} of them.
     *
     * @param targets the targets' names, in the order to show them
     * @return such as {@code m01, m02} or {@code m01, ..., m10, ... (25 targets)}
     */
    public static String targets(List<String> targets) {
        if (targets.size() <= TARGETS_SHOWN) {
            return String.join(", ", targets);
        }
        return String.join(", ", targets.subList(0, TARGETS_SHOWN)) + ", ... (" + targets.size() + " targets)";
    }
}

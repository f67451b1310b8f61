package io.ddc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * When iterations start and when the experiment ends. Immutable; the {@code with…} methods return
 * modified copies.
 *
 * <ul>
 *   <li>{@link #periodic(Duration)}: iteration k starts at t0 + k × interval. An iteration that
 *       overruns its slot is followed, after {@link #minimumGap()}, by the next one; missed slots are
 *       not made up, so an overrun never causes a burst.</li>
 *   <li>{@link #singleShot()}: iterations repeat, with the same timing, over the (target, probe)
 *       pairs that have not yet SUCCEEDED, until every pair has.</li>
 * </ul>
 *
 * <p>Both stop early at {@link #maxIterations()} or {@link #deadline()} (measured from the start of
 * the experiment: no target is started after it).
 *
 * <p>Intervals and minimum gaps are at least {@link #MINIMUM_PERIOD one second}: an iteration's id
 * is the UTC second at which it starts, and ids are strictly increasing, so iterations started less
 * than a second apart would get ids ahead of the clock, and every time derived from them (in the
 * trace files and the reports) would be wrong.
 *
 * <pre>{@code
 * Schedule.periodic(Duration.ofMinutes(15)).withMinimumGap(Duration.ofSeconds(30));
 * Schedule.singleShot().withInterval(Duration.ofMinutes(5)).withDeadline(Duration.ofDays(1));
 * }</pre>
 */
public final class Schedule {
    /** Time between the starts of single-shot iterations unless {@link #withInterval} says otherwise. */
    public static final Duration DEFAULT_SINGLE_SHOT_INTERVAL = Duration.ofMinutes(1);
    /** The default minimum gap after an iteration that overran its slot. */
    public static final Duration DEFAULT_MINIMUM_GAP = Duration.ofSeconds(1);
    /** The shortest interval and the shortest minimum gap: iteration ids are seconds. */
    public static final Duration MINIMUM_PERIOD = Duration.ofSeconds(1);

    /** How a schedule repeats. */
    public enum Mode {
        /** Every pair in every iteration, until a limit or a stop. */
        PERIODIC,
        /** Only pairs not yet SUCCEEDED, until all have. */
        SINGLE_SHOT
    }

    private final Mode mode;
    private final Duration interval;
    private final @Nullable Duration minimumGap;
    private final long maxIterations;
    private final @Nullable Duration deadline;

    private Schedule(Mode mode, Duration interval, @Nullable Duration minimumGap, long maxIterations,
            @Nullable Duration deadline) {
        this.mode = mode;
        this.interval = interval;
        this.minimumGap = minimumGap;
        this.maxIterations = maxIterations;
        this.deadline = deadline;
    }

    /**
     * Returns a periodic schedule.
     *
     * @param interval time between the starts of two iterations, at least {@link #MINIMUM_PERIOD}
     * @return the schedule, with no limit
     * @throws IllegalArgumentException if the interval is shorter than a second
     */
    public static Schedule periodic(Duration interval) {
        return new Schedule(Mode.PERIODIC, atLeastASecond("interval", interval), null, 0, null);
    }

    /**
     * Returns a single-shot schedule, retrying every {@link #DEFAULT_SINGLE_SHOT_INTERVAL}.
     *
     * @return the schedule, with no limit
     */
    public static Schedule singleShot() {
        return new Schedule(Mode.SINGLE_SHOT, DEFAULT_SINGLE_SHOT_INTERVAL, null, 0, null);
    }

    /**
     * Returns a copy with another interval between iteration starts.
     *
     * @param newInterval at least {@link #MINIMUM_PERIOD}
     * @return the copy
     * @throws IllegalArgumentException if shorter than a second
     */
    public Schedule withInterval(Duration newInterval) {
        return new Schedule(mode, atLeastASecond("interval", newInterval), minimumGap, maxIterations, deadline);
    }

    /**
     * Returns a copy with another minimum gap between the end of an overrunning iteration and the
     * start of the next.
     *
     * @param gap at least {@link #MINIMUM_PERIOD}
     * @return the copy
     * @throws IllegalArgumentException if shorter than a second
     */
    public Schedule withMinimumGap(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        return new Schedule(mode, interval, atLeastASecond("minimum gap", gap), maxIterations, deadline);
    }

    /**
     * Returns a copy that ends after {@code count} iterations.
     *
     * @param count 1 or more
     * @return the copy
     * @throws IllegalArgumentException if less than 1
     */
    public Schedule withMaxIterations(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("max iterations must be 1 or more, got " + count);
        }
        return new Schedule(mode, interval, minimumGap, count, deadline);
    }

    /**
     * Returns a copy that starts no target once {@code runFor} has passed since the experiment
     * started; the executions already running finish and their iteration's trace lines are written.
     *
     * @param runFor positive
     * @return the copy
     * @throws IllegalArgumentException if not positive
     */
    public Schedule withDeadline(Duration runFor) {
        return new Schedule(mode, interval, minimumGap, maxIterations, positive("deadline", runFor));
    }

    /** @return periodic or single-shot */
    public Mode mode() {
        return mode;
    }

    /** @return time between iteration starts */
    public Duration interval() {
        return interval;
    }

    /** @return the gap after an overrun; by default {@link #DEFAULT_MINIMUM_GAP} */
    public Duration minimumGap() {
        return minimumGap != null ? minimumGap : DEFAULT_MINIMUM_GAP;
    }

    /** @return the iteration limit, if any */
    public OptionalLong maxIterations() {
        return maxIterations == 0 ? OptionalLong.empty() : OptionalLong.of(maxIterations);
    }

    /** @return the time limit from the experiment's start, if any */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    private static Duration atLeastASecond(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(MINIMUM_PERIOD) < 0) {
            throw new IllegalArgumentException(what + " must be at least 1 s, got " + readable(value) + ": iteration"
                    + " ids are UTC seconds, and iterations started less than a second apart would get ids ahead of"
                    + " the clock");
        }
        return value;
    }

    /** Such as {@code 100 ms}, {@code 0 s} or {@code -2 s}, for a message. */
    private static String readable(Duration value) {
        long millis = value.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Schedule)) {
            return false;
        }
        Schedule that = (Schedule) other;
        return mode == that.mode && interval.equals(that.interval) && minimumGap().equals(that.minimumGap())
                && maxIterations == that.maxIterations && Objects.equals(deadline, that.deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, interval, minimumGap(), maxIterations, deadline);
    }

    @Override
    public String toString() {
        return "Schedule[" + mode + " every " + interval + ", minimum gap " + minimumGap()
                + (maxIterations > 0 ? ", at most " + maxIterations + " iterations" : "")
                + (deadline != null ? ", deadline " + deadline : "") + "]";
    }
}

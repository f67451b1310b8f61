package io.ddc.launcher;

import io.ddc.Experiment;
import io.ddc.Schedule;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's schedule options, a picocli mixin of {@code run} and {@code exec}:
 * {@code --iterations}, {@code --interval}, {@code --min-gap}, {@code --single-shot},
 * {@code --deadline}, {@code --parallelism}, {@code --timeout} and {@code --grace}. Each one given replaces the
 * experiment's own default; {@link #resolve} checks them all before anything is started or written.
 * Durations follow {@link Durations}.
 *
 * <p>{@code --single-shot} goes with {@code --interval}: a single-shot schedule repeats, with that
 * time between the starts of its iterations, over the pairs that have not yet succeeded.
 *
 * <p>Filled in by picocli, then read by one command on one thread; not thread-safe.
 */
final class ScheduleOptions {
    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--iterations", paramLabel = "N", order = 30,
            description = "stop after N iterations (default: the experiment's)")
    private @Nullable Integer iterations;

    @Option(names = "--interval", paramLabel = "DURATION", order = 31,
            description = "time between the starts of two iterations, at least 1s, such as 30s, 5m or 1h30m"
                    + " (default: the experiment's)")
    private @Nullable String interval;

    @Option(names = "--min-gap", paramLabel = "DURATION", order = 32,
            description = "after an iteration that overran its interval, wait this long before the next, at least"
                    + " 1s (default: the experiment's, 1s unless it says otherwise)")
    private @Nullable String minimumGap;

    @Option(names = "--single-shot", order = 33,
            description = "repeat only the (target, probe) pairs that have not succeeded yet, every --interval,"
                    + " until all have (default: the experiment's mode)")
    private boolean singleShot;

    @Option(names = "--deadline", paramLabel = "DURATION", order = 34,
            description = "start no target once this long has passed since the start; the running iteration"
                    + " still ends and writes its trace lines (default: none)")
    private @Nullable String deadline;

    @Option(names = "--parallelism", paramLabel = "P", order = 35,
            description = "visit up to P targets at once, 1 to " + Experiment.MAX_PARALLELISM
                    + " (default: the experiment's)")
    private @Nullable Integer parallelism;

    @Option(names = "--timeout", paramLabel = "DURATION", order = 36,
            description = "time limit of each execution, for every probe: it is then killed and FAILED"
                    + " (default: each probe's own)")
    private @Nullable String timeout;

    @Option(names = "--grace", paramLabel = "DURATION", order = 37,
            description = "after a stop (Ctrl-C, SIGTERM), how long the running executions may go on; those still"
                    + " running then are killed with what they started, and FAILED as stopped; 0s kills at once"
                    + " (default: 10s)")
    private @Nullable String grace;

    /**
     * What the options resolved to.
     *
     * @param schedule the experiment's defaults with the options given applied
     * @param parallelism how many targets are visited at once
     * @param timeout the time limit of every probe, if {@code --timeout} was given
     * @param grace how long running executions may go on after a stop
     */
    record Choice(Schedule schedule, int parallelism, Optional<Duration> timeout, Duration grace) {
        Choice {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(grace, "grace");
        }
    }

    /**
     * Tells whether the options ask for repetition, for a command whose default is one iteration.
     *
     * @return true if {@code --interval}, {@code --deadline} or {@code --single-shot} was given
     */
    boolean asksToRepeat() {
        return interval != null || deadline != null || singleShot;
    }

    /**
     * Checks every option and applies those given to the experiment's defaults; nothing is started
     * or written.
     *
     * @param defaults the experiment's own schedule
     * @param defaultParallelism the experiment's own parallelism
     * @return the schedule, parallelism and timeout to use
     * @throws ParameterException naming the option and its value
     */
    Choice resolve(Schedule defaults, int defaultParallelism) {
        Objects.requireNonNull(defaults, "defaults");
        Integer count = iterations;
        if (count != null && count < 1) {
            throw usageError("--iterations must be 1 or more, got " + count);
        }
        Integer width = parallelism;
        if (width != null && (width < 1 || width > Experiment.MAX_PARALLELISM)) {
            throw usageError("--parallelism must be 1 to " + Experiment.MAX_PARALLELISM + ", got " + width);
        }
        @Nullable Duration every = positive("--interval", interval);
        @Nullable Duration gap = duration("--min-gap", minimumGap);
        @Nullable Duration runFor = positive("--deadline", deadline);
        @Nullable Duration limit = positive("--timeout", timeout);
        @Nullable Duration afterStop = duration("--grace", grace);

        // a periodic experiment made single-shot keeps its own pace unless --interval says otherwise
        Duration pace = every != null ? every : defaults.interval();
        Schedule schedule;
        try {
            schedule = singleShot || defaults.mode() == Schedule.Mode.SINGLE_SHOT
                    ? Schedule.singleShot().withInterval(pace) : Schedule.periodic(pace);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '--interval': " + e.getMessage());
        }
        try {
            schedule = schedule.withMinimumGap(gap != null ? gap : defaults.minimumGap());
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '--min-gap': " + e.getMessage());
        }
        if (count != null) {
            schedule = schedule.withMaxIterations(count);
        } else if (defaults.maxIterations().isPresent()) {
            schedule = schedule.withMaxIterations(defaults.maxIterations().getAsLong());
        }
        if (runFor != null) {
            schedule = schedule.withDeadline(runFor);
        } else if (defaults.deadline().isPresent()) {
            schedule = schedule.withDeadline(defaults.deadline().get());
        }
        return new Choice(schedule, width != null ? width : defaultParallelism, Optional.ofNullable(limit),
                afterStop != null ? afterStop : Experiment.DEFAULT_GRACE);
    }

    /**
     * Gives {@code --grace} the value of an experiment file's {@code grace}, unless it was given.
     *
     * @param fileGrace the file's grace
     */
    void defaults(Optional<Duration> fileGrace) {
        if (grace == null) {
            grace = fileGrace.map(Durations::format).orElse(null);
        }
    }

    private @Nullable Duration positive(String option, @Nullable String text) {
        @Nullable Duration value = duration(option, text);
        if (value != null && value.isZero()) {
            throw usageError(option + " must be more than zero, got '" + text + "'");
        }
        return value;
    }

    private @Nullable Duration duration(String option, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}

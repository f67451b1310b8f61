package io.ddc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of one (target, probe) pair in one iteration. Immutable.
 *
 * <p>The outcome follows from the failure, one model for both: no failure is SUCCEEDED (and has an
 * exit code), a failure of kind {@link Failure.Kind#TARGET_UNAVAILABLE} is UNAVAILABLE (and has
 * no exit code and empty outputs), any other failure is FAILED (with the exit code when the
 * program ran to completion); {@link Failure.Kind#outcome()}.
 *
 * @param target the machine
 * @param probe the probe's name
 * @param iterationId the iteration, the UTC epoch second at which it started
 * @param exitCode the program's exit code, if it ran to completion
 * @param stdout what was captured of standard output
 * @param stderr what was captured of standard error
 * @param elapsed wall-clock time of the execution (zero when nothing ran)
 * @param failure why it did not succeed
 */
public record ExecutionResult(
        Target target,
        String probe,
        long iterationId,
        OptionalInt exitCode,
        Output stdout,
        Output stderr,
        Duration elapsed,
        Optional<Failure> failure) {

    /**
     * Checks the components and that the exit code agrees with the failure.
     *
     * @param target the machine
     * @param probe the probe's name
     * @param iterationId the iteration, the UTC epoch second at which it started
     * @param exitCode the program's exit code, if it ran to completion
     * @param stdout what was captured of standard output
     * @param stderr what was captured of standard error
     * @param elapsed wall-clock time of the execution (zero when nothing ran)
     * @param failure why it did not succeed
     * @throws IllegalArgumentException if it does not
     */
    public ExecutionResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(failure, "failure");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        }
        if (failure.isEmpty() && exitCode.isEmpty()) {
            throw new IllegalArgumentException("SUCCEEDED result (no failure) without an exit code");
        }
        if (failure.isPresent() && failure.get().kind() == Failure.Kind.TARGET_UNAVAILABLE && exitCode.isPresent()) {
            throw new IllegalArgumentException("UNAVAILABLE result with an exit code: nothing ran on the target");
        }
    }

    /**
     * Returns the UNAVAILABLE result of a pair whose target did not pass the availability check.
     *
     * @param target the machine
     * @param probe the probe's name
     * @param iterationId the iteration
     * @param reason what the check said
     * @return the result
     */
    public static ExecutionResult unavailable(Target target, String probe, long iterationId, String reason) {
        return new ExecutionResult(target, probe, iterationId, OptionalInt.empty(),
                Output.empty(), Output.empty(), Duration.ZERO,
                Optional.of(new Failure(Failure.Kind.TARGET_UNAVAILABLE, reason)));
    }

    /** @return what became of the pair: SUCCEEDED without a failure, else the failure's {@link Failure.Kind#outcome()} */
    public Outcome outcome() {
        return failure.map(f -> f.kind().outcome()).orElse(Outcome.SUCCEEDED);
    }

    /** @return true if the outcome is SUCCEEDED */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    @Override
    public String toString() {
        return "ExecutionResult[" + probe + "@" + target + " #" + iterationId + " " + outcome()
                + (exitCode.isPresent() ? " exit " + exitCode.getAsInt() : "")
                + failure.map(f -> " (" + f + ")").orElse("") + ", " + elapsed.toMillis() + " ms, stdout "
                + stdout.size() + " B, stderr " + stderr.size() + " B]";
    }
}

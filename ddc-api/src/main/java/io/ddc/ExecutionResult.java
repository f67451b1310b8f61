package io.ddc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of one (target, probe) pair in one iteration. Immutable.
 *
 * <p>A SUCCEEDED result has an exit code and no failure; a FAILED result has a failure and, when the
 * program ran to completion, its exit code; an UNAVAILABLE result has a failure of kind
 * {@link Failure.Kind#TARGET_UNAVAILABLE} and empty outputs.
 *
 * @param target the machine
 * @param probe the probe's name
 * @param iterationId the iteration, the UTC epoch second at which it started
 * @param outcome what became of the pair
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
        Outcome outcome,
        OptionalInt exitCode,
        Output stdout,
        Output stderr,
        Duration elapsed,
        Optional<Failure> failure) {

    /**
     * Checks the components and that outcome, exit code and failure agree.
     *
     * @throws IllegalArgumentException if they do not
     */
    public ExecutionResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(failure, "failure");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        }
        if ((outcome == Outcome.SUCCEEDED) == failure.isPresent()) {
            throw new IllegalArgumentException(outcome + " result " + (failure.isPresent() ? "with" : "without") + " a failure");
        }
        if (outcome == Outcome.SUCCEEDED && exitCode.isEmpty()) {
            throw new IllegalArgumentException("SUCCEEDED result without an exit code");
        }
        if (outcome == Outcome.UNAVAILABLE && exitCode.isPresent()) {
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
        return new ExecutionResult(target, probe, iterationId, Outcome.UNAVAILABLE, OptionalInt.empty(),
                Output.empty(), Output.empty(), Duration.ZERO,
                Optional.of(new Failure(Failure.Kind.TARGET_UNAVAILABLE, reason)));
    }

    /** @return true if the outcome is SUCCEEDED */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    @Override
    public String toString() {
        return "ExecutionResult[" + probe + "@" + target + " #" + iterationId + " " + outcome
                + (exitCode.isPresent() ? " exit " + exitCode.getAsInt() : "")
                + failure.map(f -> " (" + f + ")").orElse("") + ", " + elapsed.toMillis() + " ms, stdout "
                + stdout.size() + " B, stderr " + stderr.size() + " B]";
    }
}

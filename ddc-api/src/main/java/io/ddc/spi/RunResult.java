package io.ddc.spi;

import io.ddc.Failure;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How one execution ended, as a {@link RemoteRunner} reports it: the program's exit code, or the
 * {@link Failure} that kept it from running to completion, on the same model as the
 * {@link io.ddc.ExecutionResult} the engine makes of it (an exit code becomes SUCCEEDED or FAILED
 * according to the probe's accepted codes).
 *
 * <pre>{@code
 * return RunResult.exited(0);
 * return RunResult.timedOut(request.timeout());
 * return RunResult.runnerFailure("host key changed for m07");
 * }</pre>
 *
 * @param exitCode the program's exit code, present exactly when there is no failure
 * @param failure why the program did not run to completion: {@link Failure.Kind#TIMED_OUT},
 *     {@link Failure.Kind#COULD_NOT_START} or {@link Failure.Kind#RUNNER_FAILURE}
 */
public record RunResult(OptionalInt exitCode, Optional<Failure> failure) {
    /** The kinds of failure a runner reports; the engine decides the others. */
    public static final Set<Failure.Kind> RUNNER_KINDS =
            Set.copyOf(EnumSet.of(Failure.Kind.TIMED_OUT, Failure.Kind.COULD_NOT_START, Failure.Kind.RUNNER_FAILURE));

    /**
     * Checks that there is either an exit code or a failure a runner may report.
     *
     * @param exitCode the program's exit code, present exactly when there is no failure
     * @param failure why the program did not run to completion: {@link Failure.Kind#TIMED_OUT},
     *     {@link Failure.Kind#COULD_NOT_START} or {@link Failure.Kind#RUNNER_FAILURE}
     * @throws IllegalArgumentException if both or neither are present, or the failure is of a kind
     *     the engine decides (an exit code not accepted, a target unavailable, a stop)
     */
    public RunResult {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(failure, "failure");
        if (exitCode.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a run result has an exit code or a failure, not "
                    + (exitCode.isPresent() ? "both" : "neither"));
        }
        if (failure.isPresent() && !RUNNER_KINDS.contains(failure.get().kind())) {
            throw new IllegalArgumentException("a runner reports " + RUNNER_KINDS + ", not " + failure.get().kind());
        }
    }

    /**
     * The program ran to completion.
     *
     * @param exitCode its exit code
     * @return the result
     */
    public static RunResult exited(int exitCode) {
        return new RunResult(OptionalInt.of(exitCode), Optional.empty());
    }

    /**
     * The program ran past its timeout and what was started was killed.
     *
     * @param timeout the timeout it exceeded
     * @return the result
     */
    public static RunResult timedOut(Duration timeout) {
        return timedOut("timed out after " + readable(timeout) + "; the process tree was killed");
    }

    /**
     * The program ran past its timeout; the reason says what became of it.
     *
     * @param reason such as {@code "timed out after 30 s; killed (kill confirmed)"}
     * @return the result
     */
    public static RunResult timedOut(String reason) {
        return failed(Failure.Kind.TIMED_OUT, reason);
    }

    /**
     * The program could not be started.
     *
     * @param reason why, e.g. "no such file: smartctl"
     * @return the result
     */
    public static RunResult couldNotStart(String reason) {
        return failed(Failure.Kind.COULD_NOT_START, reason);
    }

    /**
     * The runner or its transport failed.
     *
     * @param reason why, e.g. "access denied on m07"
     * @return the result
     */
    public static RunResult runnerFailure(String reason) {
        return failed(Failure.Kind.RUNNER_FAILURE, reason);
    }

    private static RunResult failed(Failure.Kind kind, String reason) {
        return new RunResult(OptionalInt.empty(), Optional.of(new Failure(kind, reason)));
    }

    /** @return true if the program ran to completion, whatever its exit code */
    public boolean exited() {
        return exitCode.isPresent();
    }

    /** @return the failure's kind, if the program did not run to completion */
    public Optional<Failure.Kind> kind() {
        return failure.map(Failure::kind);
    }

    /** @return the failure's reason, or an empty string for a program that ran to completion */
    public String message() {
        return failure.map(Failure::message).orElse("");
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

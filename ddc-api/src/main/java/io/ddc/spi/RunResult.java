package io.ddc.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one execution ended, as a {@link RemoteRunner} reports it; the engine turns it into an
 * outcome (an exit code becomes SUCCEEDED or FAILED according to the probe's accepted codes).
 *
 * @param status how it ended
 * @param exitCode the program's exit code, present exactly when the status is {@link Status#EXITED}
 * @param message a readable detail, empty for {@link Status#EXITED}
 */
public record RunResult(Status status, OptionalInt exitCode, String message) {

    /** How an execution ended. */
    public enum Status {
        /** The program ran to completion. */
        EXITED,
        /** It ran past its timeout and was killed. */
        TIMED_OUT,
        /** It could not be started. */
        COULD_NOT_START,
        /** The runner or its transport failed; the program may or may not have run. */
        RUNNER_FAILURE
    }

    /**
     * Checks that the exit code is present exactly for {@link Status#EXITED}.
     *
     * @throws IllegalArgumentException if it is not
     */
    public RunResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
        if ((status == Status.EXITED) != exitCode.isPresent()) {
            throw new IllegalArgumentException(status + " result " + (exitCode.isPresent() ? "with" : "without")
                    + " an exit code");
        }
    }

    /**
     * The program ran to completion.
     *
     * @param exitCode its exit code
     * @return the result
     */
    public static RunResult exited(int exitCode) {
        return new RunResult(Status.EXITED, OptionalInt.of(exitCode), "");
    }

    /**
     * The program ran past its timeout and what was started was killed.
     *
     * @param timeout the timeout it exceeded
     * @return the result
     */
    public static RunResult timedOut(Duration timeout) {
        return new RunResult(Status.TIMED_OUT, OptionalInt.empty(), "timed out after " + readable(timeout)
                + "; the process tree was killed");
    }

    /**
     * The program could not be started.
     *
     * @param reason why, e.g. "no such file: smartctl"
     * @return the result
     */
    public static RunResult couldNotStart(String reason) {
        return new RunResult(Status.COULD_NOT_START, OptionalInt.empty(), reason);
    }

    /**
     * The runner or its transport failed.
     *
     * @param reason why, e.g. "access denied on m07"
     * @return the result
     */
    public static RunResult runnerFailure(String reason) {
        return new RunResult(Status.RUNNER_FAILURE, OptionalInt.empty(), reason);
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

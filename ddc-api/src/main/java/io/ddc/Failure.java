package io.ddc;

import java.util.Objects;

/**
 * Why an execution did not succeed.
 *
 * @param kind the class of failure
 * @param message a readable reason, e.g. {@code "timed out after 30 s; the process tree was killed"}
 */
public record Failure(Kind kind, String message) {

    /** The classes of failure. */
    public enum Kind {
        /** The execution ran past the probe's timeout and was killed. */
        TIMED_OUT,
        /** The command could not be started (no such program, no permission). */
        COULD_NOT_START,
        /** The runner or its transport failed (host not reached, access denied, launcher error). */
        RUNNER_FAILURE,
        /** The program ran to completion with an exit code the probe does not accept. */
        EXIT_CODE_NOT_ACCEPTED,
        /** The availability check said the target is not available. */
        TARGET_UNAVAILABLE,
        /**
         * The experiment was stopped while the execution ran, and it was still running when the
         * stop's grace ended, so its runner killed it ({@link Experiment.Builder#grace(java.time.Duration)}).
         */
        STOPPED;

        /**
         * The outcome of an execution that failed this way: the one model of outcomes and
         * failures.
         *
         * @return {@link Outcome#UNAVAILABLE} for {@link #TARGET_UNAVAILABLE}, else {@link Outcome#FAILED}
         */
        public Outcome outcome() {
            return this == TARGET_UNAVAILABLE ? Outcome.UNAVAILABLE : Outcome.FAILED;
        }
    }

    /**
     * Checks the components.
     *
     * @param kind the class of failure
     * @param message a readable reason, e.g. {@code "timed out after 30 s; the process tree was killed"}
     */
    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}

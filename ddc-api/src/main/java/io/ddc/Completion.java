package io.ddc;

import java.time.Duration;
import java.util.Objects;

/**
 * How an experiment ended.
 *
 * @param iterations how many iterations ran (a stopped one included)
 * @param reason why it ended
 * @param pairsNeverSucceeded how many (target, probe) pairs never SUCCEEDED during the run; 0 means
 *     every pair succeeded at least once
 * @param elapsed the experiment's wall-clock duration
 */
public record Completion(long iterations, Reason reason, long pairsNeverSucceeded, Duration elapsed) {

    /** Why an experiment ended. */
    public enum Reason {
        /** A single-shot experiment: every pair has SUCCEEDED. */
        ALL_SUCCEEDED,
        /** The schedule's iteration limit was reached. */
        MAX_ITERATIONS,
        /** The schedule's deadline passed. */
        DEADLINE,
        /** {@link ExperimentRun#stop()} was called. */
        STOPPED
    }

    /** Checks the components. */
    public Completion {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return true if every (target, probe) pair SUCCEEDED at least once */
    public boolean allSucceeded() {
        return pairsNeverSucceeded == 0;
    }
}

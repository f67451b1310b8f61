package io.ddc;

import java.time.Duration;
import java.util.Objects;

/**
 * How an experiment ended.
 *
 * @param iterations how many iterations this run started (a stopped one included); a resumed
 *     experiment counts from 0 again
 * @param reason why it ended
 * @param pairsNeverSucceeded how many (target, probe) pairs never SUCCEEDED; 0 means every pair
 *     succeeded at least once. A periodic schedule counts this run only; a single-shot schedule
 *     also counts the pairs that succeeded in earlier runs on the same folder
 * @param elapsed the wall-clock duration of this run
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

    /**
     * Checks the components.
     *
     * @param iterations how many iterations this run started (a stopped one included); a resumed
     *     experiment counts from 0 again
     * @param reason why it ended
     * @param pairsNeverSucceeded how many (target, probe) pairs never SUCCEEDED; 0 means every pair
     *     succeeded at least once. A periodic schedule counts this run only; a single-shot schedule
     *     also counts the pairs that succeeded in earlier runs on the same folder
     * @param elapsed the wall-clock duration of this run
     */
    public Completion {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return true if every (target, probe) pair SUCCEEDED at least once */
    public boolean allSucceeded() {
        return pairsNeverSucceeded == 0;
    }
}

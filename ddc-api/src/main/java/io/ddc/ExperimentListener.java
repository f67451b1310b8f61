package io.ddc;

import java.time.Instant;

/**
 * Receives the progress of an experiment. Every method has an empty default, so implement only what
 * you need.
 *
 * <p>Methods are called on the engine's threads, possibly concurrently for different targets, and
 * must return quickly; an exception thrown by a listener is logged and ignored.
 */
public interface ExperimentListener {
    /**
     * An iteration starts.
     *
     * @param experiment the experiment's name
     * @param iterationId the iteration
     * @param targets how many targets it will visit
     */
    default void iterationStarted(String experiment, long iterationId, int targets) {}

    /**
     * A result is known and stored (before post-collectors see it).
     *
     * @param result the result
     */
    default void executionFinished(ExecutionResult result) {}

    /**
     * An iteration ended and its trace lines are on disk.
     *
     * @param summary its trace lines
     */
    default void iterationFinished(IterationSummary summary) {}

    /**
     * The experiment waits for its next iteration; called after an iteration's
     * {@link #iterationFinished}, and when a resumed experiment waits for its first slot.
     *
     * @param experiment the experiment's name
     * @param nextStart when the next iteration is due to start, unless the experiment is stopped
     *     first
     */
    default void waitingForNextIteration(String experiment, Instant nextStart) {}

    /**
     * A post-collector threw or overran its time limit.
     *
     * @param failure what happened
     */
    default void postCollectorFailed(PostCollectorFailure failure) {}
}

package io.ddc;

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
     * A post-collector threw or overran its time limit.
     *
     * @param failure what happened
     */
    default void postCollectorFailed(PostCollectorFailure failure) {}
}

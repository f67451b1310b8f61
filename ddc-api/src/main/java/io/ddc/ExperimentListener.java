package io.ddc;

/**
 * Receives the progress of an experiment. Every method has an empty default, so implement only what
 * you need; each takes one event object, which later versions may give more components without
 * breaking a listener, as Failsafe's listeners do.
 *
 * <p>Methods are called on the engine's threads, possibly concurrently for different targets, and
 * must return quickly; an exception thrown by a listener is logged and ignored.
 *
 * <pre>{@code
 * Experiment.builder("lab").listener(new ExperimentListener() {
 *     public void iterationFinished(IterationSummary summary) {
 *         System.out.println(summary.iterationId() + ": " + summary.succeeded() + " succeeded");
 *     }
 * })
 * }</pre>
 */
public interface ExperimentListener {
    /**
     * An iteration starts.
     *
     * @param start its id and how many targets it visits
     */
    default void iterationStarted(IterationStart start) {}

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
     * @param next when it is due
     */
    default void waitingForNextIteration(NextIteration next) {}

    /**
     * A post-collector threw or overran its time limit.
     *
     * @param failure what happened
     */
    default void postCollectorFailed(PostCollectorFailure failure) {}
}

package io.ddc;

/**
 * Plain Java code run on the coordinator after each execution of its probe: it parses the output
 * and acts on it (stores figures, raises alerts).
 *
 * <p>Post-collectors run on their own threads, off the path of remote executions. The results of
 * one (target, probe) pair reach a post-collector in iteration order, one at a time; results of other
 * pairs may be collected concurrently, so shared state needs thread-safe handling. Each call has a
 * time limit ({@link Experiment.Builder#postCollectorTimeout}); a collector that throws or overruns
 * it is interrupted, logged with its name and reported to the listeners, and the experiment goes on.
 *
 * <pre>{@code
 * PostCollector printLoad = (result, context) -> {
 *     if (result.succeeded()) {
 *         System.out.println(result.target() + " " + result.stdout().text().strip());
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface PostCollector {
    /**
     * Handles one result. Called for every outcome, UNAVAILABLE included.
     *
     * @param result the result
     * @param context the experiment, the target's folder and the iteration
     * @throws Exception anything; it is reported and does not stop the experiment
     */
    void collect(ExecutionResult result, ExecutionContext context) throws Exception;
}

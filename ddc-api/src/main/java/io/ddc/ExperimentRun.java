package io.ddc;

import java.time.Duration;
import java.util.Optional;

/**
 * A running experiment, returned by {@link Experiment#start()}: wait for it, or stop it gracefully.
 * Closing it stops it and waits for the end. Thread-safe.
 *
 * <pre>{@code
 * try (ExperimentRun run = experiment.start()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(run::stop));
 *     Completion completion = run.await();
 * }
 * }</pre>
 */
public interface ExperimentRun extends AutoCloseable {
    /** @return the experiment being run */
    Experiment experiment();

    /**
     * Waits until the experiment ends: its schedule is done, a limit is reached or it was stopped.
     * By then every post-collector call has ended and every thread the run started has stopped.
     *
     * @return how it ended
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws DdcException if the experiment failed, for example when an output file, a trace
     *     file or the state file could not be written (a full disk): the message names the file.
     *     Such a failure stops the experiment like {@link #stop()} does, the records and trace lines
     *     already written stay readable, and every thread the run started has ended
     */
    Completion await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the experiment to end.
     *
     * @param timeout how long to wait
     * @return how it ended, or empty if it is still running
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws DdcException if the experiment failed
     */
    Optional<Completion> await(Duration timeout) throws InterruptedException;

    /**
     * Asks the experiment to stop and returns at once. No further target or probe is started. The
     * executions under way get the experiment's {@linkplain Experiment#grace() grace} to end; those
     * still running then are killed by their runner, with what they started, and are FAILED with a
     * failure of kind {@link Failure.Kind#STOPPED}. The iteration's trace lines are written (the
     * targets not visited are in no list), the post-collectors are drained, and nothing the run
     * started is left running. Calling it again has no effect.
     */
    void stop();

    /** @return true once the experiment has ended */
    boolean isDone();

    /** Stops the experiment and waits for it to end; never throws. */
    @Override
    void close();
}

package io.ddc.benchmarks;

import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.IterationSummary;
import io.ddc.Schedule;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An experiment started once, whose scheduler runs one more iteration each time {@link #step()} is
 * called, so that a benchmark measures iterations of a running coordinator, without the start,
 * the resume of a growing folder and the stop that {@code experiment.start().await()} would add.
 *
 * <p>Its sleeper is the gate: where the scheduler would wait for the next slot, it waits for the
 * next {@link #step()} instead. The first iteration runs when the experiment starts (before the
 * constructor returns), and serves as warm-up. A step measures one turn of the scheduler's loop:
 * the iteration (visits, storage, trace lines) and the state file written after it. Not
 * thread-safe: one benchmark thread steps it.
 */
final class SteppedRun implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final Semaphore go = new Semaphore(0);
    private final Semaphore idle = new Semaphore(0);
    private final ExperimentRun run;
    private volatile @Nullable IterationSummary last;

    /**
     * Starts the experiment that {@code builder} describes, with this run's gate as sleeper and a
     * periodic schedule whose slots are always ahead, and waits for its first iteration.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the experiment ended (it failed) instead of waiting
     */
    SteppedRun(Experiment.Builder builder) throws InterruptedException {
        run = builder
                // a day-long interval and minimum gap: the scheduler always calls the sleeper, never
                // starts an iteration on its own
                .schedule(Schedule.periodic(Duration.ofDays(1)).withMinimumGap(Duration.ofDays(1)))
                .sleeper(duration -> {
                    idle.release();
                    go.acquire();
                })
                .listener(new ExperimentListener() {
                    @Override
                    public void iterationFinished(IterationSummary summary) {
                        last = summary;
                    }
                })
                .build()
                .start();
        awaitIdle();
    }

    /**
     * Runs one iteration and waits for its end (state file included).
     *
     * @return the iteration's summary
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the experiment ended (it failed) instead of waiting
     */
    IterationSummary step() throws InterruptedException {
        go.release();
        awaitIdle();
        return Objects.requireNonNull(last, "no iteration finished");
    }

    private void awaitIdle() throws InterruptedException {
        while (!idle.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (run.isDone()) {
                // await() throws the experiment's failure, if any
                throw new IllegalStateException("the experiment ended instead of waiting: " + run.await());
            }
        }
    }

    /** Stops the experiment (its gate is interrupted) and waits for all its threads. */
    @Override
    public void close() {
        run.close();
    }
}

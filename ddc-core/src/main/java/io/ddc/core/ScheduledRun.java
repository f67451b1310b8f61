package io.ddc.core;

import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.core.PairLedger.Visit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running experiment: one scheduler thread that starts iterations as the schedule says, a pool of
 * {@code parallelism} threads that visit targets, and the post-collection stage. All of them are
 * stopped before {@link #await()} returns.
 */
final class ScheduledRun implements ExperimentRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRun.class);

    private final Experiment experiment;
    private final Storage storage;
    private final Listeners listeners;
    private final PairLedger ledger;
    private final Clock clock;
    private final Thread scheduler;
    private final Object sleepLock = new Object();
    private volatile boolean stopRequested;
    private boolean sleeping;
    private @Nullable Instant deadline;
    private volatile @Nullable Completion completion;
    private volatile @Nullable RuntimeException failure;

    private ScheduledRun(Experiment experiment, Storage storage) {
        this.experiment = experiment;
        this.storage = storage;
        this.listeners = new Listeners(experiment.listeners());
        this.ledger = new PairLedger(experiment.targets().targets(), experiment.probes());
        this.clock = experiment.clock();
        this.scheduler = new NamedThreads(experiment.name(), "scheduler", false).newThread(this::runSafely);
    }

    /**
     * Opens the storage (reporting a bad folder before anything starts) and starts the scheduler.
     *
     * @throws DdcException if the experiment's folder or trace files cannot be used
     */
    static ScheduledRun start(Experiment experiment) {
        Storage storage = Storage.open(experiment);
        for (Probe probe : experiment.probes()) {
            try {
                TraceFile.repairTail(storage.traceFile(probe.name()));
            } catch (IOException e) {
                storage.close();
                throw new DdcException("cannot repair trace file " + storage.traceFile(probe.name()) + ": " + e, e);
            }
        }
        ScheduledRun run = new ScheduledRun(experiment, storage);
        LOG.info("starting {} in {}", experiment, storage.folder());
        run.scheduler.start();
        return run;
    }

    @Override
    public Experiment experiment() {
        return experiment;
    }

    @Override
    public Completion await() throws InterruptedException {
        scheduler.join();
        return result();
    }

    @Override
    public Optional<Completion> await(Duration timeout) throws InterruptedException {
        scheduler.join(Math.max(1, timeout.toMillis()));
        return scheduler.isAlive() ? Optional.empty() : Optional.of(result());
    }

    private Completion result() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
        Completion done = completion;
        if (done == null) {
            throw new IllegalStateException("experiment ended without a result");
        }
        return done;
    }

    @Override
    public void stop() {
        stopRequested = true;
        synchronized (sleepLock) {
            if (sleeping) {
                scheduler.interrupt();
            }
        }
    }

    @Override
    public boolean isDone() {
        return !scheduler.isAlive();
    }

    @Override
    public void close() {
        stop();
        boolean interrupted = false;
        while (scheduler.isAlive()) {
            try {
                scheduler.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely() {
        try {
            completion = loop();
        } catch (DdcException e) {
            failure = e;
        } catch (IOException e) {
            failure = new DdcException("experiment '" + experiment.name() + "' stopped: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            failure = new DdcException("experiment '" + experiment.name() + "' was interrupted", e);
        } catch (RuntimeException | Error e) {
            failure = new DdcException("experiment '" + experiment.name() + "' failed: " + e, e);
        }
        if (failure != null) {
            LOG.error("{}", failure.getMessage(), failure.getCause());
        }
    }

    private Completion loop() throws IOException, InterruptedException {
        Schedule schedule = experiment.schedule();
        Instant t0 = clock.instant();
        deadline = schedule.deadline().map(t0::plus).orElse(null);
        NamedThreads workerThreads = new NamedThreads(experiment.name(), "target", true);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(experiment.parallelism(), experiment.parallelism(), 10,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), workerThreads);
        workers.allowCoreThreadTimeOut(true);
        PostCollection postCollection = new PostCollection(experiment, listeners);
        Iteration iteration = new Iteration(experiment, storage, postCollection, listeners, ledger, workers,
                this::mayStart);
        long iterations = 0;
        long lastId = Long.MIN_VALUE;
        Instant scheduled = t0;
        Completion.Reason reason;
        try {
            while (true) {
                if (stopRequested) {
                    reason = Completion.Reason.STOPPED;
                    break;
                }
                if (pastDeadline(clock.instant())) {
                    reason = Completion.Reason.DEADLINE;
                    break;
                }
                boolean singleShot = schedule.mode() == Schedule.Mode.SINGLE_SHOT;
                List<Visit> visits = singleShot ? ledger.pending() : ledger.all();
                if (visits.isEmpty()) {
                    reason = Completion.Reason.ALL_SUCCEEDED;
                    break;
                }
                Instant started = clock.instant();
                long id = Math.max(started.getEpochSecond(), lastId + 1);
                lastId = id;
                iteration.run(id, visits);
                iterations++;
                Instant ended = clock.instant();
                if (singleShot && ledger.neverSucceeded() == 0) {
                    reason = Completion.Reason.ALL_SUCCEEDED;
                    break;
                }
                if (stopRequested) {
                    reason = Completion.Reason.STOPPED;
                    break;
                }
                if (schedule.maxIterations().isPresent() && iterations >= schedule.maxIterations().getAsLong()) {
                    reason = Completion.Reason.MAX_ITERATIONS;
                    break;
                }
                Instant next = nextStart(t0, schedule.interval(), schedule.minimumGap(), scheduled, ended);
                scheduled = next;
                if (pastDeadline(next)) {
                    reason = Completion.Reason.DEADLINE;
                    break;
                }
                if (!sleepUntil(next)) {
                    reason = Completion.Reason.STOPPED;
                    break;
                }
            }
            postCollection.drain();
        } finally {
            workers.shutdownNow();
            postCollection.close();
            List<Thread> left = workerThreads.join(Duration.ofMinutes(1));
            if (!left.isEmpty()) {
                LOG.warn("experiment '{}': {} target thread(s) did not end: {}", experiment.name(), left.size(), left);
            }
            storage.close();
        }
        Completion done = new Completion(iterations, reason, ledger.neverSucceeded(),
                Iteration.elapsedSince(t0, clock));
        LOG.info("experiment '{}' ended: {}", experiment.name(), done);
        return done;
    }

    /**
     * When the next iteration starts: the next slot of the grid t0 + k × interval after the time
     * this iteration was scheduled for, or, if this iteration overran that slot, the minimum gap
     * after its end. Missed slots are never made up. The scheduled time, not the measured start,
     * decides the slot: a sleep that ends a little early must not make the next slot look overrun.
     */
    static Instant nextStart(Instant t0, Duration interval, Duration minimumGap, Instant scheduled, Instant ended) {
        long sinceStart = Math.max(0, Duration.between(t0, scheduled).toMillis());
        long slot = sinceStart / interval.toMillis() + 1;
        Instant nextSlot = t0.plus(interval.multipliedBy(slot));
        return ended.isAfter(nextSlot) ? ended.plus(minimumGap) : nextSlot;
    }

    /** @return false if a stop interrupted the wait */
    private boolean sleepUntil(Instant next) {
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.isNegative() || wait.isZero()) {
            return !stopRequested;
        }
        synchronized (sleepLock) {
            if (stopRequested) {
                return false;
            }
            sleeping = true;
        }
        try {
            experiment.sleeper().sleep(wait);
            return !stopRequested;
        } catch (InterruptedException e) {
            // only stop() interrupts this thread while it sleeps
            return false;
        } finally {
            synchronized (sleepLock) {
                sleeping = false;
            }
            Thread.interrupted();
        }
    }

    private boolean mayStart() {
        return !stopRequested && !pastDeadline(clock.instant());
    }

    private boolean pastDeadline(Instant now) {
        Instant limit = deadline;
        return limit != null && !now.isBefore(limit);
    }

}

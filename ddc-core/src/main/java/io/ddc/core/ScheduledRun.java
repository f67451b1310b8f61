package io.ddc.core;

import io.ddc.files.StateFile;
import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.NextIteration;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.spi.EngineSettings;
import io.ddc.core.PairLedger.Visit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
    private final EngineSettings settings;
    private final Storage storage;
    private final Listeners listeners;
    private final PairLedger ledger;
    private final Resume.Point resumed;
    private final Instant phase;
    private final Clock clock;
    private final Thread scheduler;
    private final List<String> targetNames;
    private final Object sleepLock = new Object();
    private final Stopping stopping;
    private boolean sleeping;
    private @Nullable Instant deadline;
    private volatile @Nullable Completion completion;
    private volatile @Nullable RuntimeException failure;

    private ScheduledRun(Experiment experiment, EngineSettings settings, Storage storage, Resume.Point resumed,
            Instant phase) {
        this.experiment = experiment;
        this.settings = settings;
        this.storage = storage;
        this.listeners = new Listeners(experiment.listeners());
        // a single-shot schedule skips the pairs that succeeded before; a periodic one counts this run only
        this.ledger = isSingleShot(experiment)
                ? new PairLedger(experiment.targets().targets(), experiment.probes(), resumed::succeeded)
                : new PairLedger(experiment.targets().targets(), experiment.probes());
        this.resumed = resumed;
        this.phase = phase;
        this.clock = settings.clock();
        this.targetNames = experiment.targets().targets().stream().map(Target::name).toList();
        this.stopping = new Stopping(experiment.name(), experiment.grace());
        this.scheduler = new NamedThreads(experiment.name(), "scheduler", false).newThread(this::runSafely);
    }

    private static boolean isSingleShot(Experiment experiment) {
        return experiment.schedule().mode() == Schedule.Mode.SINGLE_SHOT;
    }

    /**
     * Opens the storage, resumes what the folder holds (repairing torn files), records the state
     * (probes and phase) before anything runs, and starts the scheduler. A bad folder is reported
     * before anything starts.
     *
     * @throws DdcException if the experiment's folder cannot be used or resumed
     */
    static ScheduledRun start(Experiment experiment, EngineSettings settings) {
        return start(experiment, settings, ChannelOpener.DEFAULT);
    }

    /**
     * Starts the experiment with the storage writing through {@code channels}.
     *
     * @throws DdcException if the experiment's folder cannot be used or resumed
     */
    static ScheduledRun start(Experiment experiment, EngineSettings settings, ChannelOpener channels) {
        Storage storage = Storage.open(experiment, settings, channels);
        try {
            Resume.Point resumed = Resume.prepare(experiment, storage);
            Instant phase = resumed.phase().orElseGet(settings.clock()::instant);
            ScheduledRun run = new ScheduledRun(experiment, settings, storage, resumed, phase);
            run.saveState(resumed.lastIteration());
            LOG.info("starting {} in {}", experiment, storage.folder());
            run.scheduler.start();
            return run;
        } catch (IOException e) {
            storage.close();
            throw new DdcException("cannot start experiment '" + experiment.name() + "' in " + storage.folder() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /** Writes the state file: the probes, the phase, the last iteration and every pair that succeeded. */
    private void saveState(OptionalLong lastIteration) throws IOException {
        Map<String, Set<String>> succeeded = new LinkedHashMap<>();
        resumed.succeeded().forEach((probe, targets) ->
                succeeded.computeIfAbsent(probe, p -> StateFile.newTargetSet()).addAll(targets));
        ledger.succeededByProbe().forEach((probe, targets) ->
                succeeded.computeIfAbsent(probe, p -> StateFile.newTargetSet()).addAll(targets));
        storage.writeState(new StateFile.State(experiment.name(), phase, lastIteration, targetNames,
                Resume.commands(experiment), succeeded));
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
        stopping.request();
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
        boolean singleShot = isSingleShot(experiment);
        Instant runStart = clock.instant();
        deadline = schedule.deadline().map(runStart::plus).orElse(null);
        NamedThreads workerThreads = new NamedThreads(experiment.name(), "target", true);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(experiment.parallelism(), experiment.parallelism(), 10,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), workerThreads);
        workers.allowCoreThreadTimeOut(true);
        PostCollection postCollection = new PostCollection(experiment, listeners);
        Iteration iteration = new Iteration(experiment, clock, storage, postCollection, listeners, ledger, workers,
                stopping, this::mayStart);
        long iterations = 0;
        long lastId = resumed.lastIteration().orElse(Long.MIN_VALUE);
        // a periodic schedule keeps its slot grid across restarts; single-shot retries count from now
        Instant grid = singleShot ? runStart : phase;
        Instant scheduled = runStart;
        Completion.@Nullable Reason reason = null;
        try {
            if (!singleShot && resumed.resumed()) {
                scheduled = firstSlot(phase, schedule.interval(), runStart, resumed.lastIteration());
                if (pastDeadline(scheduled)) {
                    reason = Completion.Reason.DEADLINE;
                } else if (!sleepUntil(scheduled)) {
                    reason = Completion.Reason.STOPPED;
                }
            }
            while (reason == null) {
                if (stopping.isRequested()) {
                    reason = Completion.Reason.STOPPED;
                    break;
                }
                if (pastDeadline(clock.instant())) {
                    reason = Completion.Reason.DEADLINE;
                    break;
                }
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
                saveState(OptionalLong.of(id));
                Instant ended = clock.instant();
                if (singleShot && ledger.neverSucceeded() == 0) {
                    reason = Completion.Reason.ALL_SUCCEEDED;
                    break;
                }
                if (stopping.isRequested()) {
                    reason = Completion.Reason.STOPPED;
                    break;
                }
                if (schedule.maxIterations().isPresent() && iterations >= schedule.maxIterations().getAsLong()) {
                    reason = Completion.Reason.MAX_ITERATIONS;
                    break;
                }
                Instant next = nextStart(grid, schedule.interval(), schedule.minimumGap(), scheduled, ended);
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
                Iteration.elapsedSince(runStart, clock));
        LOG.info("experiment '{}' ended: {}", experiment.name(), done);
        return done;
    }

    /**
     * The first start of a resumed periodic schedule: the first slot of the grid
     * {@code phase + k × interval} at or after {@code now}, so never more than one interval away
     * (also when the clock was set back before the phase), and missed slots are not made up; or the
     * slot after it, if the last iteration already started in that second.
     */
    static Instant firstSlot(Instant phase, Duration interval, Instant now, OptionalLong lastIteration) {
        Instant slot = now.plusMillis(Math.floorMod(Duration.between(now, phase).toMillis(), interval.toMillis()));
        if (lastIteration.isPresent()) {
            Instant lastSecond = Instant.ofEpochSecond(lastIteration.getAsLong());
            if (!slot.isBefore(lastSecond) && slot.isBefore(lastSecond.plusSeconds(1))) {
                slot = slot.plus(interval);
            }
        }
        return slot;
    }

    /**
     * When the next iteration starts: the next slot of the grid t0 + k × interval after the time
     * this iteration was scheduled for, or, if this iteration overran that slot, the minimum gap
     * after its end. Missed slots are never made up. The scheduled time, not the measured start,
     * decides the slot: a sleep that ends a little early must not make the next slot look overrun.
     */
    static Instant nextStart(Instant t0, Duration interval, Duration minimumGap, Instant scheduled, Instant ended) {
        // floorDiv: a slot before t0 (the clock was set back after a resume) is still on the grid
        long slot = Math.floorDiv(Duration.between(t0, scheduled).toMillis(), interval.toMillis()) + 1;
        Instant nextSlot = t0.plus(interval.multipliedBy(slot));
        return ended.isAfter(nextSlot) ? ended.plus(minimumGap) : nextSlot;
    }

    /** Tells the listeners, then waits; @return false if a stop interrupted the wait */
    private boolean sleepUntil(Instant next) {
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.isNegative() || wait.isZero()) {
            return !stopping.isRequested();
        }
        listeners.waitingForNextIteration(new NextIteration(experiment.name(), next));
        synchronized (sleepLock) {
            if (stopping.isRequested()) {
                return false;
            }
            sleeping = true;
        }
        try {
            settings.sleeper().sleep(wait);
            return !stopping.isRequested();
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
        return !stopping.isRequested() && !pastDeadline(clock.instant());
    }

    private boolean pastDeadline(Instant now) {
        Instant limit = deadline;
        return limit != null && !now.isBefore(limit);
    }

}

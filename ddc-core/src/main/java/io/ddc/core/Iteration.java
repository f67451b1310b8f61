package io.ddc.core;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.Failure;
import io.ddc.IterationStart;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TraceLine;
import io.ddc.core.PairLedger.Visit;
import io.ddc.spi.Availability;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iteration: every visit (target and its probes) on the worker pool, at most
 * {@code parallelism} at once; on each target the availability check first, then the probes one
 * after the other in declared order; each result stored, counted, announced and queued for the
 * post-collectors; the visit's output files forced to disk when it ends; at the end one trace line
 * per probe, forced to disk. A storage failure lets no further target or probe start.
 */
final class Iteration {
    private static final Logger LOG = LoggerFactory.getLogger(Iteration.class);

    private final Experiment experiment;
    private final Storage storage;
    private final PostCollection postCollection;
    private final Listeners listeners;
    private final PairLedger ledger;
    private final ExecutorService workers;
    private final Stopping stopping;
    private final BooleanSupplier mayStart;
    private final Clock clock;
    /** Each probe's position in the experiment, found once rather than by a search per execution. */
    private final Map<Probe, Integer> probeIndexes = new IdentityHashMap<>();
    private volatile boolean storageFailed;

    /**
     * @param clock gives the iteration's start and the executions' times
     * @param stopping the run's stop: no execution enters the runner after it, and those still
     *     running when its grace ends are interrupted
     * @param mayStart tells, before each target and each probe, whether work may still start (false
     *     after a stop, past the deadline or after a storage failure)
     */
    Iteration(Experiment experiment, Clock clock, Storage storage, PostCollection postCollection,
            Listeners listeners, PairLedger ledger, ExecutorService workers, Stopping stopping,
            BooleanSupplier mayStart) {
        this.experiment = experiment;
        this.storage = storage;
        this.postCollection = postCollection;
        this.listeners = listeners;
        this.ledger = ledger;
        this.workers = workers;
        this.stopping = stopping;
        this.mayStart = mayStart;
        this.clock = clock;
        List<Probe> probes = experiment.probes();
        for (int p = 0; p < probes.size(); p++) {
            probeIndexes.putIfAbsent(probes.get(p), p);
        }
    }

    /**
     * Runs the visits and writes the trace lines.
     *
     * @throws IOException if storage failed (the trace lines of what ran are still attempted)
     * @throws InterruptedException if interrupted; running executions are interrupted too
     */
    IterationSummary run(long id, List<Visit> visits) throws IOException, InterruptedException {
        Instant started = clock.instant();
        listeners.iterationStarted(new IterationStart(experiment.name(), id, visits.size()));
        List<Probe> probes = experiment.probes();
        @Nullable Outcome[][] outcomes = new Outcome[probes.size()][experiment.targets().size()];
        List<Future<?>> futures = new ArrayList<>(visits.size());
        stopping.visitsStarting(visits.size());
        for (Visit visit : visits) {
            futures.add(workers.submit(() -> {
                try {
                    if (mayStart()) {
                        visit(id, visit, outcomes);
                    }
                } catch (IOException | RuntimeException e) {
                    storageFailed = true;
                    throw e;
                } finally {
                    stopping.visitEnded();
                }
                return null;
            }));
        }
        IOException storageFailure = null;
        try {
            stopping.awaitVisits();
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    storageFailure = firstFailure(storageFailure, cause != null ? cause : e);
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        Duration elapsed = elapsedSince(started, clock);
        Map<String, TraceLine> lines = traceLines(id, elapsed, visits, outcomes);
        for (Map.Entry<String, TraceLine> line : lines.entrySet()) {
            try {
                storage.appendTrace(line.getKey(), line.getValue());
            } catch (IOException e) {
                storageFailure = firstFailure(storageFailure, e);
            }
        }
        if (storageFailure != null) {
            throw storageFailure;
        }
        IterationSummary summary = new IterationSummary(experiment.name(), id, started, elapsed, lines);
        LOG.info("experiment '{}' iteration {}: {} succeeded, {} failed, {} unavailable in {} ms", experiment.name(), id,
                summary.succeeded(), summary.failed(), summary.unavailable(), elapsed.toMillis());
        listeners.iterationFinished(summary);
        return summary;
    }

    private static IOException firstFailure(@Nullable IOException first, Throwable cause) {
        IOException failure = cause instanceof IOException ? (IOException) cause
                : cause instanceof UncheckedIOException && cause.getCause() instanceof IOException
                        ? (IOException) cause.getCause()
                : new IOException("engine failure: " + cause, cause);
        if (first != null) {
            first.addSuppressed(failure);
            return first;
        }
        return failure;
    }

    private boolean mayStart() {
        return !storageFailed && mayStart.getAsBoolean();
    }

    /** Runs the probes on one target, then forces the output files they appended to. */
    private void visit(long id, Visit visit, Outcome[][] outcomes) throws IOException, InterruptedException {
        Target target = visit.target();
        Availability availability = checkAvailability(target);
        List<Path> written = new ArrayList<>();
        try {
            for (Probe probe : visit.probes()) {
                ExecutionResult result;
                if (!availability.isAvailable()) {
                    result = ExecutionResult.unavailable(target, probe.name(), id, availability.reason());
                    record(id, visit, probe, result, null, null, outcomes, written);
                } else if (mayStart()) {
                    execute(id, visit, probe, outcomes, written);
                }
            }
        } catch (IOException e) {
            try {
                storage.force(written);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        storage.force(written);
    }

    private Availability checkAvailability(Target target) throws InterruptedException {
        try {
            return experiment.availabilityCheck().check(target);
        } catch (RuntimeException e) {
            LOG.warn("availability check of {} failed; the target counts as unavailable", target, e);
            return Availability.unavailable("availability check failed: " + e);
        }
    }

    /** Runs one probe on the target, unless a stop came first, and records its result. */
    private void execute(long id, Visit visit, Probe probe, Outcome[][] outcomes, List<Path> written)
            throws IOException, InterruptedException {
        ExecutionSink stdout = storage.newSink(probe);
        ExecutionSink stderr = storage.newSink(probe);
        try {
            if (!stopping.enterExecution()) {
                return;
            }
            long start = clock.millis();
            @Nullable RunResult run = null;
            @Nullable InterruptedException interrupt = null;
            boolean killed;
            try {
                run = experiment.runner().run(new ExecutionRequest(experiment.name(), id, visit.target(), probe, stdout,
                        stderr));
            } catch (InterruptedException e) {
                interrupt = e;
            } catch (RuntimeException e) {
                LOG.warn("runner '{}' failed on {} for probe '{}'", experiment.runner().name(), visit.target(),
                        probe.name(), e);
                run = RunResult.runnerFailure("runner '" + experiment.runner().name() + "' failed: " + e);
            } finally {
                killed = stopping.leaveExecution();
                stdout.seal();
                stderr.seal();
            }
            if (interrupt != null && !killed) {
                // not the stop's interrupt: the run is being torn down
                throw interrupt;
            }
            Duration elapsed = Duration.ofMillis(Math.max(0, clock.millis() - start));
            ExecutionResult result = run != null ? toResult(id, visit.target(), probe, run, elapsed, stdout, stderr)
                    : stopped(id, visit.target(), probe, elapsed, stdout, stderr);
            if (killed && run != null) {
                LOG.debug("runner '{}' returned {} for probe '{}' on {} after its interrupt", experiment.runner().name(),
                        run, probe.name(), visit.target());
            }
            record(id, visit, probe, result, stdout, stderr, outcomes, written);
        } finally {
            stdout.discard();
            stderr.discard();
        }
    }

    /** The result of an execution interrupted because the stop's grace ended: its runner killed it. */
    private ExecutionResult stopped(long id, Target target, Probe probe, Duration elapsed, ExecutionSink stdout,
            ExecutionSink stderr) {
        String message = "stopped: still running when the grace of " + readable(stopping.grace())
                + " after the stop ended, so it was killed";
        return new ExecutionResult(target, probe.name(), id, OptionalInt.empty(), stdout.output(),
                stderr.output(), elapsed, Optional.of(new Failure(Failure.Kind.STOPPED, message)));
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    static ExecutionResult toResult(long id, Target target, Probe probe, RunResult run, Duration elapsed,
            ExecutionSink stdout, ExecutionSink stderr) {
        Optional<Failure> failure = run.failure();
        if (run.exited()) {
            int code = run.exitCode().orElseThrow();
            failure = probe.accepts(code) ? Optional.empty()
                    : Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code " + code + " is not"
                            + " accepted (accepted: " + probe.acceptedExitCodes().stream().sorted()
                                    .map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
        }
        OptionalInt exitCode = run.exitCode();
        return new ExecutionResult(target, probe.name(), id, exitCode, stdout.output(), stderr.output(),
                elapsed, failure);
    }

    private void record(long id, Visit visit, Probe probe, ExecutionResult result, @Nullable ExecutionSink stdout,
            @Nullable ExecutionSink stderr, Outcome[][] outcomes, List<Path> written)
            throws IOException, InterruptedException {
        int probeIndex = indexOf(probe);
        if (probe.storesOutput()) {
            ExecutionSink out = stdout != null ? stdout : storage.newSink(probe);
            ExecutionSink err = stderr != null ? stderr : storage.newSink(probe);
            out.seal();
            err.seal();
            written.addAll(storage.store(result, out, err));
        }
        outcomes[probeIndex][visit.targetIndex()] = result.outcome();
        ledger.record(visit.targetIndex(), probeIndex, result.outcome());
        listeners.executionFinished(result);
        if (!probe.postCollectors().isEmpty()) {
            ExecutionContext context = new ExecutionContext(experiment.name(), storage.targetFolder(visit.target()), id);
            postCollection.submit(probe, result, context);
        }
    }

    private int indexOf(Probe probe) {
        Integer index = probeIndexes.get(probe);
        if (index == null) {
            throw new IllegalStateException("probe '" + probe.name() + "' is not one of experiment '"
                    + experiment.name() + "''s probes");
        }
        return index;
    }

    private Map<String, TraceLine> traceLines(long id, Duration elapsed, List<Visit> visits, Outcome[][] outcomes) {
        List<Probe> probes = experiment.probes();
        boolean[] attempted = new boolean[probes.size()];
        for (Visit visit : visits) {
            for (Probe probe : visit.probes()) {
                attempted[indexOf(probe)] = true;
            }
        }
        List<Target> targets = experiment.targets().targets();
        Map<String, TraceLine> lines = new LinkedHashMap<>();
        for (int p = 0; p < probes.size(); p++) {
            if (!attempted[p]) {
                continue;
            }
            List<String> succeeded = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                Outcome outcome = outcomes[p][t];
                if (outcome == Outcome.SUCCEEDED) {
                    succeeded.add(targets.get(t).name());
                } else if (outcome == Outcome.FAILED) {
                    failed.add(targets.get(t).name());
                } else if (outcome == Outcome.UNAVAILABLE) {
                    unavailable.add(targets.get(t).name());
                }
            }
            lines.put(probes.get(p).name(), new TraceLine(id, elapsed, succeeded, failed, unavailable));
        }
        return lines;
    }

    /** Time since {@code start} by {@code clock}; zero if the clock stepped back meanwhile. */
    static Duration elapsedSince(Instant start, Clock clock) {
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}

package io.ddc.core;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.PostCollectorFailure;
import io.ddc.Probe;
import io.ddc.Probe.NamedPostCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs post-collectors off the execution path.
 *
 * <ul>
 *   <li>Results of one (target, probe) pair form a chain: each collector call starts after the
 *       previous one of that pair has ended, so a collector sees them in iteration order.</li>
 *   <li>Calls run on a pool of {@link Experiment#postCollectorThreads()} named threads.</li>
 *   <li>Each call has a time limit. A call that overruns is interrupted and reported, and the chain
 *       goes on without it; its thread is replaced in the pool until the call returns, so hung
 *       collectors cannot starve the others.</li>
 *   <li>At most {@link #MAX_PENDING} results wait for collection; past that, the execution path
 *       waits (memory stays bounded when collectors are slower than the fleet).</li>
 * </ul>
 */
final class PostCollection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostCollection.class);
    static final int MAX_PENDING = 10_000;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Duration timeout;
    private final Listeners listeners;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final NamedThreads workerThreads;
    private final NamedThreads timerThreads;
    private final Semaphore backlog = new Semaphore(MAX_PENDING);
    private final Map<PairKey, CompletableFuture<Void>> tails = new HashMap<>();
    private boolean warnedBacklog;

    PostCollection(Experiment experiment, Listeners listeners) {
        this.timeout = experiment.postCollectorTimeout();
        this.listeners = listeners;
        int threads = experiment.postCollectorThreads();
        this.workerThreads = new NamedThreads(experiment.name(), "collector", true);
        this.timerThreads = new NamedThreads(experiment.name(), "collector-timer", true);
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                workerThreads);
        this.workers.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, timerThreads);
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Queues the result for each of its probe's post-collectors.
     *
     * @throws InterruptedException if interrupted while waiting for room in the backlog
     */
    void submit(Probe probe, ExecutionResult result, ExecutionContext context) throws InterruptedException {
        if (probe.postCollectors().isEmpty()) {
            return;
        }
        if (!backlog.tryAcquire()) {
            synchronized (this) {
                if (!warnedBacklog) {
                    warnedBacklog = true;
                    LOG.warn("{} results wait for post-collection: executions now wait for the post-collectors",
                            MAX_PENDING);
                }
            }
            backlog.acquire();
        }
        PairKey key = new PairKey(result.target().name(), result.probe());
        synchronized (this) {
            CompletableFuture<Void> chain = tails.getOrDefault(key, DONE);
            for (NamedPostCollector collector : probe.postCollectors()) {
                chain = chain.thenCompose(ignored -> call(collector, result, context));
            }
            tails.put(key, chain.whenComplete((ignored, error) -> backlog.release()));
        }
    }

    /** Waits until every queued call has ended (each is bounded by the time limit). */
    void drain() throws InterruptedException {
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            pending = new ArrayList<>(tails.values());
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("post-collection chain failed", e.getCause());
        }
    }

    /** Stops the threads; a collector that ignores interruption is left behind and logged. */
    @Override
    public void close() {
        workers.shutdown();
        timer.shutdownNow();
        try {
            if (!workers.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
            timerThreads.join(Duration.ofSeconds(5));
            List<Thread> left = workerThreads.join(Duration.ofSeconds(5));
            if (!left.isEmpty()) {
                LOG.warn("post-collector threads still busy after the experiment ended (they ignore interruption): {}",
                        left);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> call(NamedPostCollector collector, ExecutionResult result, ExecutionContext context) {
        Call call = new Call(collector, result, context);
        try {
            workers.execute(call);
        } catch (RejectedExecutionException e) {
            LOG.warn("post-collector '{}' skipped for {}: the experiment is closing", collector.name(), result);
            call.done.complete(null);
        }
        return call.done;
    }

    private void report(NamedPostCollector collector, ExecutionResult result, boolean timedOut, String message,
            Throwable cause) {
        if (timedOut) {
            LOG.warn("post-collector '{}' of probe '{}' on {} (iteration {}) {}; the experiment goes on",
                    collector.name(), result.probe(), result.target(), result.iterationId(), message);
        } else {
            LOG.warn("post-collector '{}' of probe '{}' on {} (iteration {}) threw; the experiment goes on",
                    collector.name(), result.probe(), result.target(), result.iterationId(), cause);
        }
        listeners.postCollectorFailed(new PostCollectorFailure(collector.name(), result, timedOut, message));
    }

    /** Lends the pool one more thread while a hung call holds one. */
    private void resizeWorkers(int delta) {
        synchronized (workers) {
            if (delta > 0) {
                workers.setMaximumPoolSize(workers.getMaximumPoolSize() + delta);
                workers.setCorePoolSize(workers.getCorePoolSize() + delta);
            } else {
                workers.setCorePoolSize(workers.getCorePoolSize() + delta);
                workers.setMaximumPoolSize(workers.getMaximumPoolSize() + delta);
            }
        }
    }

    private record PairKey(String target, String probe) {}

    /** One call of one collector for one result. */
    private final class Call implements Runnable {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final NamedPostCollector collector;
        private final ExecutionResult result;
        private final ExecutionContext context;
        /** Set when the call starts, before its guard is armed. */
        private Thread thread = Thread.currentThread();
        private boolean finished;
        private boolean expired;

        Call(NamedPostCollector collector, ExecutionResult result, ExecutionContext context) {
            this.collector = collector;
            this.result = result;
            this.context = context;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            ScheduledFuture<?> guard = timer.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                collector.collector().collect(result, context);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                boolean late;
                synchronized (this) {
                    late = expired;
                }
                if (!late) {
                    report(collector, result, false, e.toString(), e);
                }
            } finally {
                guard.cancel(false);
                boolean wasExpired;
                synchronized (this) {
                    finished = true;
                    wasExpired = expired;
                }
                // an interrupt meant for this call must not reach the next task of this thread
                Thread.interrupted();
                if (wasExpired) {
                    resizeWorkers(-1);
                    LOG.info("post-collector '{}' returned after its time limit", collector.name());
                }
                done.complete(null);
            }
        }

        private void expire() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                expired = true;
                thread.interrupt();
                // under the lock, so that the call's own resizeWorkers(-1) cannot come first
                resizeWorkers(+1);
            }
            report(collector, result, true, "did not return within " + timeout.toMillis() + " ms and was interrupted",
                    new IllegalStateException("timed out"));
            done.complete(null);
        }
    }
}

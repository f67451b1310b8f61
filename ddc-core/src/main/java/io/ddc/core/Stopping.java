package io.ddc.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop of a run and the executions it must end. Once {@link #request() requested}, no
 * execution {@linkplain #enterExecution() enters} the runner any more; the executions under way get
 * the experiment's grace to end by themselves, and those still running when it ends are
 * interrupted, which the {@link io.ddc.spi.RemoteRunner} contract turns into a kill of what the
 * runner started, followed by an {@link InterruptedException}.
 *
 * <p>The scheduler thread waits for an iteration's visits in {@link #awaitVisits()}, which is
 * where the grace is measured and the interrupts are sent: no thread of its own. An interrupt is
 * sent only to a thread that is inside the runner, and the thread takes it back when it leaves
 * ({@link #leaveExecution()}), both under one lock, so it can never land on a later write to
 * storage (an interrupted {@code FileChannel} closes). Thread-safe.
 */
final class Stopping {
    private static final Logger LOG = LoggerFactory.getLogger(Stopping.class);
    /** How often the wait for a runner that ignores its interrupt is logged. */
    private static final long STILL_RUNNING_WARNING_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String experiment;
    private final Duration grace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The threads inside the runner now. */
    private final Set<Thread> running = new HashSet<>();
    /** The threads of {@link #running} interrupted because the grace ended. */
    private final Set<Thread> interrupted = new HashSet<>();
    private volatile boolean requested;
    private long requestedAt;
    private boolean graceOver;
    private int pendingVisits;

    /**
     * @param experiment the experiment's name, for the log
     * @param grace how long running executions may go on after the stop
     */
    Stopping(String experiment, Duration grace) {
        this.experiment = experiment;
        this.grace = grace;
    }

    /** Asks for the stop; the grace starts now. Later calls change nothing. */
    void request() {
        lock.lock();
        try {
            if (!requested) {
                requested = true;
                requestedAt = System.nanoTime();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return true once the stop was requested */
    boolean isRequested() {
        return requested;
    }

    /**
     * Registers the calling thread as running an execution, unless the stop was requested.
     *
     * @return false if the execution must not start
     */
    boolean enterExecution() {
        lock.lock();
        try {
            if (requested) {
                return false;
            }
            running.add(Thread.currentThread());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The calling thread has left the runner. An interrupt sent by this object is taken back, so
     * that the thread can store the result.
     *
     * @return true if the execution was interrupted because the grace ended
     */
    boolean leaveExecution() {
        Thread self = Thread.currentThread();
        lock.lock();
        try {
            running.remove(self);
            boolean killed = interrupted.remove(self);
            if (killed) {
                Thread.interrupted();
            }
            return killed;
        } finally {
            lock.unlock();
        }
    }

    /** An iteration is about to hand {@code visits} visits to the workers. */
    void visitsStarting(int visits) {
        lock.lock();
        try {
            pendingVisits += visits;
        } finally {
            lock.unlock();
        }
    }

    /** A visit has ended (or was skipped). */
    void visitEnded() {
        lock.lock();
        try {
            pendingVisits--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every visit has ended. After a stop, the executions still running when the grace
     * ends are interrupted, and the wait goes on until their runners have returned.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitVisits() throws InterruptedException {
        lock.lock();
        try {
            long warnAt = Long.MAX_VALUE;
            while (pendingVisits > 0) {
                if (!requested) {
                    changed.await();
                } else if (!graceOver) {
                    long left = requestedAt + grace.toNanos() - System.nanoTime();
                    if (left > 0) {
                        changed.awaitNanos(left);
                    } else {
                        graceOver = true;
                        interruptRunning();
                        warnAt = System.nanoTime() + STILL_RUNNING_WARNING_NANOS;
                    }
                } else {
                    long left = warnAt - System.nanoTime();
                    if (left > 0) {
                        changed.awaitNanos(left);
                    } else {
                        LOG.warn("experiment '{}': {} execution(s) still running {} s after they were interrupted at"
                                + " the end of the grace: their runner does not end on an interrupt, as it must",
                                experiment, running.size(), TimeUnit.NANOSECONDS.toSeconds(STILL_RUNNING_WARNING_NANOS));
                        warnAt = System.nanoTime() + STILL_RUNNING_WARNING_NANOS;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the grace, for messages */
    Duration grace() {
        return grace;
    }

    private void interruptRunning() {
        if (running.isEmpty()) {
            return;
        }
        List<Thread> threads = new ArrayList<>(running);
        LOG.info("experiment '{}': {} execution(s) still running when the grace of {} ms after the stop ended:"
                + " their runner kills them", experiment, threads.size(), grace.toMillis());
        for (Thread thread : threads) {
            interrupted.add(thread);
            thread.interrupt();
        }
    }
}

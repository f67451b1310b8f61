package io.ddc.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives every engine thread a name that says which experiment and which stage owns it, and
 * remembers the threads it made so that their owner can wait for them to be gone: an executor that
 * reports termination may still have a thread on its way out.
 */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * @param experiment the experiment's name
     * @param stage e.g. {@code target}, {@code collector}
     * @param daemon whether the threads may be abandoned at JVM exit
     */
    NamedThreads(String experiment, String stage, boolean daemon) {
        this.prefix = "ddc-" + experiment + "-" + stage + "-";
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable task) {
        // pools re-create idle threads over a long run: forget the ones that have ended
        threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(task, prefix + counter.incrementAndGet());
        thread.setDaemon(daemon);
        threads.add(thread);
        return thread;
    }

    /**
     * Waits for every thread made here to end, at most {@code limit} in all.
     *
     * @return the threads still alive
     */
    List<Thread> join(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0 && thread.getState() != Thread.State.NEW) {
                thread.join(Math.max(1, left / 1_000_000));
            }
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }
}

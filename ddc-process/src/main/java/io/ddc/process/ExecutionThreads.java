package io.ddc.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads commons-exec starts for one execution (executor, watchdog, pumps): named after the
 * runner that owns them, and remembered so that the execution can wait for them to end before it
 * returns.
 */
final class ExecutionThreads implements ThreadFactory {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final String prefix;
    private final List<Thread> started = new ArrayList<>();

    ExecutionThreads(String prefix) {
        this.prefix = prefix;
    }

    String nextName() {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    @Override
    public synchronized Thread newThread(Runnable task) {
        String name = nextName();
        // commons-exec puts its own name in front of ours before starting the thread: take ours back
        Thread thread = new Thread(() -> {
            Thread.currentThread().setName(name);
            task.run();
        }, name);
        thread.setDaemon(true);
        started.add(thread);
        return thread;
    }

    /** Names a thread commons-exec made through this factory (the pumps are renamed afterwards). */
    synchronized void adopt(Thread thread) {
        if (!started.contains(thread)) {
            started.add(thread);
        }
    }

    /** Forgets a thread known to outlive the execution: a pump held open by an orphaned grandchild. */
    synchronized void abandon(Thread thread) {
        started.remove(thread);
    }

    /**
     * Waits until every thread of the execution has ended, at most {@code limit} in all.
     *
     * @return the threads still alive
     */
    List<Thread> join(Duration limit) throws InterruptedException {
        List<Thread> threads;
        synchronized (this) {
            threads = new ArrayList<>(started);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }
}

package io.ddc.process;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.Watchdog;
import org.jspecify.annotations.Nullable;

/**
 * The watchdog of one execution. commons-exec's own watchdog kills only the direct child; this one
 * learns the process through the {@link ProcessDestroyer} hook (called right after launch) and, on
 * timeout, kills the whole tree.
 */
final class TreeWatchdog implements ProcessDestroyer {
    private final Watchdog timer;
    private @Nullable Process process;
    private boolean fired;
    private boolean finished;
    private boolean killRequested;

    TreeWatchdog(Duration timeout, ThreadFactory threads) {
        this.timer = Watchdog.builder().setTimeout(timeout).setThreadFactory(threads).get();
        this.timer.addTimeoutObserver(w -> fire());
    }

    @Override
    public synchronized boolean add(Process started) {
        this.process = started;
        if (killRequested) {
            // the caller gave up while the process was being launched
            ProcessTree.kill(started.toHandle());
        } else if (!finished) {
            timer.start();
        }
        return true;
    }

    @Override
    public synchronized boolean remove(Process ended) {
        return true;
    }

    @Override
    public synchronized int size() {
        return process == null ? 0 : 1;
    }

    private synchronized void fire() {
        Process running = process;
        if (running != null && !finished && running.isAlive()) {
            fired = true;
            ProcessTree.kill(running.toHandle());
        }
    }

    /**
     * Kills the tree now, as a timeout would, but without reporting a timeout; a process still being
     * launched is killed as soon as it is known.
     */
    synchronized void killNow() {
        killRequested = true;
        Process running = process;
        if (running != null) {
            ProcessTree.kill(running.toHandle());
        }
    }

    /** Stops the timer; after this the watchdog never fires. */
    synchronized void finish() {
        finished = true;
        timer.stop();
    }

    synchronized boolean fired() {
        return fired;
    }

    synchronized @Nullable Process process() {
        return process;
    }
}

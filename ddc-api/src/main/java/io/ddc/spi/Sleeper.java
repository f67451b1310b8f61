package io.ddc.spi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the coordinator waits between iterations. Tests inject one that advances a manual clock, so
 * that no test waits on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for {@code duration}.
     *
     * @param duration how long, never negative
     * @throws InterruptedException if interrupted (the engine interrupts a sleep to stop)
     */
    void sleep(Duration duration) throws InterruptedException;

    /** @return a sleeper that blocks the calling thread */
    static Sleeper system() {
        return duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }
}

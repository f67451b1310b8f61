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

    /**
     * Returns a sleeper that blocks the calling thread for at least the duration (rounded up to the
     * millisecond, so that the coordinator never wakes before an iteration's slot).
     *
     * @return the sleeper
     */
    static Sleeper system() {
        return duration -> {
            long millis = duration.toMillis();
            if (duration.minusMillis(millis).isZero()) {
                TimeUnit.MILLISECONDS.sleep(millis);
            } else {
                TimeUnit.MILLISECONDS.sleep(millis + 1);
            }
        };
    }
}

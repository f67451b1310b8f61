package io.ddc.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock in UTC that moves only when a test (or a fake) says so. Thread-safe. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the time it shows until moved */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /**
     * @param second the UTC epoch second it shows until moved
     * @return the clock
     */
    public static ManualClock atEpochSecond(long second) {
        return new ManualClock(Instant.ofEpochSecond(second));
    }

    /** @param duration how far to move it forward */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** @param instant the time it shows from now on */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @throws UnsupportedOperationException always: a manual clock stays in UTC */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock stays in UTC");
    }
}

package io.ddc.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock in UTC that moves only when a test (or a fake) says so. Thread-safe. */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    /** @param start the time it shows until moved */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * @param second the UTC epoch second it shows until moved
     * @return the clock
     */
    public static ManualClock atEpochSecond(long second) {
        return new ManualClock(Instant.ofEpochSecond(second));
    }

    /** @param duration how far to move it forward */
    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** @param instant the time it shows from now on */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
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

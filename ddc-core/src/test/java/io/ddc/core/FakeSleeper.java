package io.ddc.core;

import io.ddc.testing.ManualClock;
import io.ddc.spi.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each requested sleep and advances the manual clock instead of waiting. */
final class FakeSleeper implements Sleeper {
    private final ManualClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}

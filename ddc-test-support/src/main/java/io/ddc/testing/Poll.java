package io.ddc.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Looks again and again, every few milliseconds, until what a test waits for has happened or time is up. */
public final class Poll {
    private static final long POLL_MILLIS = 10;

    private Poll() {}

    /**
     * Waits, at most {@code limit}, until {@code look} finds nothing.
     *
     * @param look what is still there (threads at work, processes alive)
     * @param limit how long to wait
     * @return what is still there then, empty if nothing
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> List<T> untilEmpty(Supplier<List<T>> look, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<T> left = look.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            left = look.get();
        }
        return left;
    }
}

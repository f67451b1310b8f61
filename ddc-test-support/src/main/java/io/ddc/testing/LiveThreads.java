package io.ddc.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library's threads that are still at work. A process executor keeps its pump threads in a
 * pool for a short while after use (they end by themselves once idle for their keep-alive, as the
 * JDK's process reapers do); such an idle pump is not left over work and is not counted. Any other
 * thread, and a pump that is still reading or writing, is.
 */
public final class LiveThreads {
    private LiveThreads() {}

    /**
     * @param name which threads to look at, by name
     * @return the sorted names of the live threads it accepts, but idle pumps
     */
    public static List<String> working(Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> name.test(thread.getName()))
                .filter(thread -> !isIdlePump(thread))
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * Waits, at most {@code limit}, until {@link #working} finds nothing: a pump whose process has
     * ended needs a moment to go back to its pool.
     *
     * @param name which threads to look at, by name
     * @param limit how long to wait
     * @return the names still at work, empty if none
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<String> awaitNoneWorking(Predicate<String> name, Duration limit) throws InterruptedException {
        return Poll.untilEmpty(() -> working(name), limit);
    }

    /**
     * A pump that waits for its next task with a time limit: once that runs out, it ends. A pool
     * that would keep its threads forever waits without a limit, and its threads are counted.
     */
    private static boolean isIdlePump(Thread thread) {
        return thread.getName().contains("-pump-")
                && thread.getState() == Thread.State.TIMED_WAITING
                && Stream.of(thread.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().equals(ThreadPoolExecutor.class.getName())
                                && frame.getMethodName().equals("getTask"));
    }
}

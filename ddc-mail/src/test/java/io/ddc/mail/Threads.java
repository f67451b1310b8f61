package io.ddc.mail;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the threads that mail sending may leave behind. */
final class Threads {
    private Threads() {}

    /**
     * Returns the live threads that belong to mail sending: the listener's sender and any thread
     * running Jakarta Mail or Angus Mail code (such as a write-timeout timer).
     */
    static List<String> mailThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().isAlive())
                .filter(entry -> java.util.Arrays.stream(entry.getValue())
                        .noneMatch(frame -> frame.getClassName().startsWith("com.icegreen.")))
                .filter(entry -> entry.getKey().getName().startsWith(MailingListener.THREAD_NAME)
                        || java.util.Arrays.stream(entry.getValue()).anyMatch(frame ->
                                frame.getClassName().startsWith("jakarta.mail.")
                                        || frame.getClassName().startsWith("org.eclipse.angus.")))
                .map(entry -> entry.getKey().getName())
                .collect(Collectors.toList());
    }

    /** Waits until no mail thread is alive, at most {@code limit}; returns those still alive then. */
    static List<String> mailThreadsAfter(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> alive = mailThreads();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = mailThreads();
        }
        return alive;
    }
}

package io.ddc.mail;

import io.ddc.DdcException;
import io.ddc.Notification;
import io.ddc.spi.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A notifier that records what it is given and the thread that gave it, and can be made to block
 * until a test releases it. Thread-safe.
 */
final class RecordingNotifier implements Notifier {
    private final List<Notification> sent = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;

    private RecordingNotifier(boolean blocking) {
        this.release = new CountDownLatch(blocking ? 1 : 0);
    }

    static RecordingNotifier immediate() {
        return new RecordingNotifier(false);
    }

    /** Each send waits until {@link #release()}. */
    static RecordingNotifier blocking() {
        return new RecordingNotifier(true);
    }

    @Override
    public void send(Notification notification) {
        entered.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new DdcException("the test never released the notifier");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DdcException("interrupted while sending '" + notification.subject() + "'", e);
        }
        synchronized (sent) {
            sent.add(notification);
            threads.add(Thread.currentThread().getName());
        }
    }

    void awaitFirstSend() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("nothing was sent within 10 s");
        }
    }

    void release() {
        release.countDown();
    }

    List<Notification> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<String> threads() {
        synchronized (sent) {
            return List.copyOf(threads);
        }
    }

    @Override
    public String toString() {
        return "RecordingNotifier";
    }
}

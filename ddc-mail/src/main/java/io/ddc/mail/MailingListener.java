package io.ddc.mail;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.Notification;
import io.ddc.spi.Notifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an experiment's mails through a {@link Notifier} (usually an {@link SmtpNotifier}) without
 * ever holding the experiment up: a periodic report with the trace files attached, and alerts that
 * post-collectors raise.
 *
 * <pre>{@code
 * try (MailingListener mail = MailingListener.builder(smtp, storageRoot.resolve("lab")).build()) {
 *     Experiment experiment = Experiment.builder("lab")
 *         ...
 *         .probe(Probe.builder("smart").command("smartctl", "-A", "/dev/sda")
 *             .postCollector("reallocated", (result, context) -> {
 *                 if (reallocatedGrew(result)) {
 *                     mail.alert(result, "reallocated sectors grew from 0 to 8");
 *                 }
 *             })
 *             .build())
 *         .storageRoot(storageRoot)
 *         .listener(mail)
 *         .build();
 *     try (ExperimentRun run = experiment.start()) {
 *         run.await();
 *     }
 * }
 * }</pre>
 *
 * <h2>Reports</h2>
 *
 * At the end of an iteration ({@link #iterationFinished}), when a period has passed since the last
 * report (the first one a period after {@link Builder#build()}, then on that grid; missed periods are
 * not made up), a report is queued: subject {@code report of experiment NAME}, a plain-text body
 * (by default the experiment, the period, the time, the folder and the last trace line of each
 * probe; {@link Builder#body} supplies another) and every {@code <probe>.trace} of the experiment
 * folder attached gzip-compressed as {@code <probe>.trace.gz} ({@code application/gzip}), each file
 * as long as it was when the report was composed. Files beyond {@link Builder#attachmentLimit} or
 * that cannot be read are named at the end of the body instead. {@link #report()} queues one at
 * once, for example when the run has ended.
 *
 * <h2>Sending and failures</h2>
 *
 * Mails are composed and sent, in the order they were queued, on one thread named
 * {@code ddc-mail-sender}, which this listener starts when there is something to send and which
 * ends after a few idle seconds; the queue holds at most {@link Builder#queueCapacity} mails. A
 * mail that fails (server down, refused, timed out) is logged as a WARN with its cause and dropped:
 * the experiment goes on, and the next report is due at the next period as usual. A mail that finds
 * the queue full, or the listener closed, is logged as a WARN and dropped. Nothing here ever throws
 * into the engine or a post-collector, and no method blocks on the network.
 *
 * <p>Thread-safe. {@link #close()} sends what is queued, waits at most
 * {@link Builder#closeTimeout} and stops the thread; it does not close the notifier.
 */
public final class MailingListener implements ExperimentListener, AutoCloseable {
    /** Default report period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    /** Default limit of the compressed bytes attached to one report: 10 MiB, under most servers' limits. */
    public static final long DEFAULT_ATTACHMENT_LIMIT = 10L * 1024 * 1024;
    /** Default number of mails that may wait to be sent. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16;
    /** Default time {@link #close()} waits for queued mails. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The name of the thread that sends. */
    public static final String THREAD_NAME = "ddc-mail-sender";

    private static final Logger LOG = LoggerFactory.getLogger(MailingListener.class);
    private static final long IDLE_SECONDS = 5;

    private final Notifier notifier;
    private final String experiment;
    private final Duration period;
    private final Clock clock;
    private final Duration closeTimeout;
    private final ReportMail reports;
    private final ThreadPoolExecutor sender;
    private final Object lock = new Object();
    private Instant nextReport;
    private boolean closed;
    private volatile @Nullable Thread lastThread;

    private MailingListener(Builder builder, String experiment) {
        this.notifier = builder.notifier;
        this.experiment = experiment;
        this.period = builder.period;
        this.clock = builder.clock;
        this.closeTimeout = builder.closeTimeout;
        this.reports = new ReportMail(builder.folder, experiment, period, builder.body, builder.attachmentLimit);
        this.nextReport = clock.instant().plus(period);
        this.sender = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(builder.queueCapacity), this::newThread, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Starts the definition of a listener that mails about the experiment stored in
     * {@code experimentFolder}.
     *
     * @param notifier where the mails go; the listener does not close it
     * @param experimentFolder the experiment's folder, {@code <storage root>/<experiment name>}
     *     ({@link io.ddc.Experiment#folder()}); its last name is the experiment's name in subjects.
     *     It need not exist yet
     * @return a builder
     * @throws IllegalArgumentException if the folder has no name (a file-system root)
     */
    public static Builder builder(Notifier notifier, Path experimentFolder) {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(experimentFolder, "experimentFolder");
        if (experimentFolder.getFileName() == null) {
            throw new IllegalArgumentException("experiment folder '" + experimentFolder
                    + "' has no name: give <storage root>/<experiment name>");
        }
        return new Builder(notifier, experimentFolder);
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task, THREAD_NAME);
        lastThread = thread;
        return thread;
    }

    /**
     * Queues a report when a period has passed since the last one. Returns at once.
     *
     * @param summary the iteration that ended
     */
    @Override
    public void iterationFinished(IterationSummary summary) {
        Instant now = clock.instant();
        synchronized (lock) {
            if (closed || now.isBefore(nextReport)) {
                return;
            }
            long missed = Duration.between(nextReport, now).dividedBy(period);
            nextReport = nextReport.plus(period.multipliedBy(missed + 1));
        }
        report();
    }

    /**
     * Queues a report now, whatever the period (the periodic reports keep their grid). Returns at
     * once; the report is composed and sent on the sender thread.
     *
     * @return true if it was queued, false if the queue was full or the listener closed (logged)
     */
    public boolean report() {
        return submit(reports.subject(), () -> reports.compose(clock.instant()));
    }

    /**
     * Queues an alert about one result, for a post-collector to call. The subject names the probe,
     * the target and the experiment ({@code ALERT smart on m01 (lab)}); the body is {@code text}
     * followed by the experiment, probe, target, iteration (with its UTC time) and outcome. Returns
     * at once: a failure to send is logged as a WARN, never thrown at the post-collector, since the
     * engine could only log it again.
     *
     * @param result the result that raised the alert
     * @param text what happened, for people
     * @return true if it was queued, false if the queue was full or the listener closed (logged)
     */
    public boolean alert(ExecutionResult result, String text) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(text, "text");
        String subject = "ALERT " + result.probe() + " on " + result.target() + " (" + experiment + ")";
        String body = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n"
                + "Experiment: " + experiment + "\n"
                + "Probe: " + result.probe() + "\n"
                + "Target: " + result.target() + "\n"
                + "Iteration: " + result.iterationId() + " (" + Instant.ofEpochSecond(result.iterationId()) + ")\n"
                + "Outcome: " + result.outcome()
                + (result.exitCode().isPresent() ? ", exit code " + result.exitCode().getAsInt() : "")
                + result.failure().map(failure -> ", " + failure).orElse("") + "\n";
        Notification alert = Notification.of(subject, body);
        return submit(alert.subject(), () -> alert);
    }

    /** What a queued mail does when its turn comes. */
    @FunctionalInterface
    private interface Composer {
        Notification compose() throws IOException;
    }

    private boolean submit(String subject, Composer composer) {
        synchronized (lock) {
            if (closed) {
                LOG.warn("mail '{}' of experiment {} not sent: the mail listener is closed", subject, experiment);
                return false;
            }
            try {
                sender.execute(() -> send(subject, composer));
                return true;
            } catch (RejectedExecutionException e) {
                LOG.warn("mail '{}' of experiment {} not sent: the queue is full ({} waiting)", subject, experiment,
                        mails(sender.getQueue().size()));
                return false;
            }
        }
    }

    private void send(String subject, Composer composer) {
        try {
            notifier.send(composer.compose());
        } catch (IOException | RuntimeException e) {
            LOG.warn("mail '{}' of experiment {} not sent, the experiment goes on: {}", subject, experiment,
                    Failures.describe(e));
            LOG.debug("mail '{}' of experiment {} not sent", subject, experiment, e);
        }
    }

    /**
     * Stops taking mails, sends those already queued, and stops the sender thread, waiting at most
     * {@link Builder#closeTimeout}. What is still queued then is dropped and logged, and a send in
     * progress is interrupted (it ends within the notifier's own timeouts). Calling it again does
     * nothing. The notifier is not closed.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            sender.shutdown();
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        try {
            if (!sender.awaitTermination(closeTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                List<Runnable> dropped = sender.shutdownNow();
                LOG.warn("mail listener of experiment {} closed after {}: the send in progress was interrupted and "
                        + "{} dropped", experiment, closeTimeout, mails(dropped.size()));
                return;
            }
            Thread thread = lastThread;
            if (thread != null) {
                // the pool is terminated once its worker has left its loop; wait until the thread has ended too
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String mails(int count) {
        return count == 1 ? "1 mail" : count + " mails";
    }

    @Override
    public String toString() {
        return "MailingListener[" + experiment + ", every " + period + ", through " + notifier + "]";
    }

    /**
     * Builds a {@link MailingListener}. Defaults: period {@link MailingListener#DEFAULT_PERIOD},
     * the system UTC clock, the default body, attachments up to
     * {@link MailingListener#DEFAULT_ATTACHMENT_LIMIT} compressed bytes per mail, a queue of
     * {@link MailingListener#DEFAULT_QUEUE_CAPACITY} mails, close timeout
     * {@link MailingListener#DEFAULT_CLOSE_TIMEOUT}. Not thread-safe; {@link #build()} copies its
     * state.
     */
    public static final class Builder {
        private final Notifier notifier;
        private final Path folder;
        private Duration period = DEFAULT_PERIOD;
        private Clock clock = Clock.systemUTC();
        private @Nullable Function<Path, String> body;
        private long attachmentLimit = DEFAULT_ATTACHMENT_LIMIT;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder(Notifier notifier, Path folder) {
            this.notifier = notifier;
            this.folder = folder;
        }

        /**
         * Sets the time between two reports.
         *
         * @param every 1 second to 366 days
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder period(Duration every) {
            Objects.requireNonNull(every, "period");
            if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("report period must be 1 second to 366 days, got " + every);
            }
            this.period = every;
            return this;
        }

        /**
         * Sets the clock that tells when a report is due (tests use a manual one; give the
         * experiment's clock to follow its time).
         *
         * @param newClock the clock
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Replaces the default body of reports, for example with a text report of the trace files.
         * The function gets the experiment folder, runs on the sender thread and must be
         * thread-safe; if it throws or returns null, the default body is sent and a WARN logged.
         *
         * @param function gives the body
         * @return this builder
         */
        public Builder body(Function<Path, String> function) {
            this.body = Objects.requireNonNull(function, "body");
            return this;
        }

        /**
         * Sets how many compressed bytes one report may attach in all; trace files beyond it are
         * named in the body instead, and memory use stays within it.
         *
         * @param bytes 0 (attach nothing) to 1 GiB
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder attachmentLimit(long bytes) {
            if (bytes < 0 || bytes > 1L << 30) {
                throw new IllegalArgumentException("attachment limit must be 0 to " + (1L << 30) + " bytes, got "
                        + bytes);
            }
            this.attachmentLimit = bytes;
            return this;
        }

        /**
         * Sets how many mails may wait while one is being sent; more are dropped and logged.
         *
         * @param mails 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder queueCapacity(int mails) {
            if (mails < 1 || mails > 1024) {
                throw new IllegalArgumentException("mail queue capacity must be 1 to 1024, got " + mails);
            }
            this.queueCapacity = mails;
            return this;
        }

        /**
         * Sets how long {@link MailingListener#close()} waits for queued mails.
         *
         * @param timeout zero (drop what is queued) to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("close timeout must be 0 to 1 hour, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Builds the listener; the first report is due one period from now. No thread starts until
         * there is a mail to send.
         *
         * @return the listener
         */
        public MailingListener build() {
            return new MailingListener(this, Objects.requireNonNull(folder.getFileName()).toString());
        }
    }
}

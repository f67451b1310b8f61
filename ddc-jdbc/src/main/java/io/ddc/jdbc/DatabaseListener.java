package io.ddc.jdbc;

import io.ddc.ExecutionResult;
import io.ddc.ExperimentListener;
import io.ddc.IterationStart;
import io.ddc.IterationSummary;
import io.ddc.TraceLine;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every execution and every iteration's trace lines to a {@link Database} while the
 * experiment runs, off the execution path.
 *
 * <p>The engine's threads only put a small row in a bounded queue; one thread of the listener's
 * own ({@code ddc-db-writer}) takes rows in batches and writes each batch in one transaction, with
 * the same upserts as {@link FolderExport}, so loading the folder afterwards adds nothing twice. A
 * database that is down, slow or refusing never holds up or stops the experiment: the listener logs
 * one WARN with the database's reason, keeps the rows in the queue (at most
 * {@link Builder#capacity(int) capacity}), retries every {@link Builder#retryInterval(Duration)},
 * and writes the backlog when the database is back. When the queue is full, further rows are not
 * kept, and one WARN says to run {@code export} on the folder afterwards to fill them in.
 *
 * <p>The experiment's name in the rows is the one its events carry. Close the listener once the
 * experiment has ended: {@link #close()} writes what is queued (trying for at most
 * {@link Builder#closeTimeout(Duration)}) and stops the thread. Thread-safe.
 *
 * <pre>{@code
 * try (DatabaseListener db = DatabaseListener.builder(Database.sqlite(Path.of("lab.sqlite"))).build()) {
 *     try (ExperimentRun run = Experiment.builder("lab") ... .listener(db).build().start()) {
 *         run.await();
 *     }
 * }
 * }</pre>
 */
public final class DatabaseListener implements ExperimentListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseListener.class);

    private final Database database;
    private final int batchSize;
    /** How long the writer waits for a row before it looks again whether it was closed. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final Duration retryInterval;
    private final Duration closeTimeout;
    private final @Nullable Path folder;
    private final BlockingQueue<Row> queue;
    private final Thread writer;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean overflowWarned = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile @Nullable String experiment;

    private DatabaseListener(Builder builder) {
        this.database = builder.database;
        this.batchSize = builder.batchSize;
        this.retryInterval = builder.retryInterval;
        this.closeTimeout = builder.closeTimeout;
        this.folder = builder.folder;
        this.queue = new ArrayBlockingQueue<>(builder.capacity);
        this.writer = new Thread(this::writeLoop, "ddc-db-writer");
        // a listener nobody closed must not keep the JVM alive; close() is what writes the last rows
        writer.setDaemon(true);
    }

    /**
     * @param database where to write
     * @return a builder
     */
    public static Builder builder(Database database) {
        return new Builder(database);
    }

    @Override
    public void iterationStarted(IterationStart start) {
        experiment = start.experiment();
    }

    @Override
    public void executionFinished(ExecutionResult result) {
        String name = experiment;
        if (name != null) {
            offer(Row.Execution.of(name, result));
        }
    }

    @Override
    public void iterationFinished(IterationSummary summary) {
        for (Map.Entry<String, TraceLine> line : summary.traceLines().entrySet()) {
            offer(Row.Iteration.of(summary.experiment(), line.getKey(), line.getValue()));
        }
    }

    private void offer(Row row) {
        if (closing.getCount() == 0 || queue.offer(row)) {
            return;
        }
        dropped.incrementAndGet();
        if (overflowWarned.compareAndSet(false, true)) {
            LOG.warn("results database {}: {} results already wait to be written, so the next ones are not kept until"
                    + " it is back; afterwards run `ddc export {} --db {}` to fill them in", database.url(),
                    queue.size(), folder != null ? folder : "<experiment folder>", database.url());
        }
    }

    /** @return how many rows were committed so far */
    public long written() {
        return written.get();
    }

    /** @return how many rows were not kept because the queue was full ({@code export} fills them in) */
    public long dropped() {
        return dropped.get();
    }

    private void writeLoop() {
        List<Row> batch = new ArrayList<>(batchSize);
        @Nullable RowWriter rows = null;
        boolean down = false;
        long giveUpAt = Long.MAX_VALUE;
        try {
            while (true) {
                if (batch.isEmpty()) {
                    Row first = queue.poll(closing.getCount() == 0 ? 0 : IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                    if (first == null) {
                        if (closing.getCount() == 0) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                }
                try {
                    if (rows == null) {
                        rows = new RowWriter(database.open(), database.dialect());
                    }
                    for (Row row : batch) {
                        rows.add(row);
                    }
                    rows.commit();
                    written.addAndGet(batch.size());
                    batch.clear();
                    if (down) {
                        down = false;
                        LOG.info("results database {}: writing again{}", database.url(), lostSoFar());
                        overflowWarned.set(false);
                    }
                } catch (SQLException | RuntimeException e) {
                    rows = closeQuietly(rows);
                    if (!down) {
                        down = true;
                        LOG.warn("results database {}: cannot write ({}); the experiment goes on, results wait in memory"
                                + " (at most {}) and the database is tried again every {}", database.url(),
                                e.getMessage(), queue.remainingCapacity() + queue.size(), readable(retryInterval));
                    }
                    if (closing.getCount() == 0 && giveUpAt == Long.MAX_VALUE) {
                        giveUpAt = System.nanoTime() + closeTimeout.toNanos();
                    }
                    long left = giveUpAt - System.nanoTime();
                    if (left <= 0) {
                        long lost = batch.size() + queue.size();
                        dropped.addAndGet(lost);
                        queue.clear();
                        LOG.warn("results database {}: still cannot write after {}; {} results are not written: run"
                                + " `ddc export {} --db {}` when it is back to fill them in", database.url(),
                                readable(closeTimeout), lost, folder != null ? folder : "<experiment folder>",
                                database.url());
                        return;
                    }
                    if (closing.getCount() == 0) {
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Math.min(left, retryInterval.toNanos())) + 1);
                    } else if (closing.await(retryInterval.toNanos(), TimeUnit.NANOSECONDS)) {
                        giveUpAt = System.nanoTime() + closeTimeout.toNanos();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(rows);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    private String lostSoFar() {
        long lost = dropped.get();
        return lost == 0 ? "" : "; " + lost + " results were not kept: run `ddc export "
                + (folder != null ? folder : "<experiment folder>") + " --db " + database.url() + "` to fill them in";
    }

    private static @Nullable RowWriter closeQuietly(@Nullable RowWriter rows) {
        if (rows != null) {
            try {
                rows.close();
            } catch (SQLException e) {
                LOG.debug("closing the connection failed", e);
            }
        }
        return null;
    }

    /**
     * Writes what is queued, trying for at most the close timeout when the database is down, and
     * stops the writer thread. Call it once the experiment has ended; results announced later are
     * ignored. Idempotent.
     */
    @Override
    public void close() {
        closing.countDown();
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
                writer.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DatabaseListener[" + database.url() + ", " + queue.size() + " waiting]";
    }

    /**
     * Builds a {@link DatabaseListener}. Defaults: a queue of 100,000 rows; batches of up to 500
     * rows (the writer takes what is queued as soon as a row arrives, so batches grow while a
     * commit is under way); retried every 5 s when the database is down; 10 s to write what is
     * queued on close. Not thread-safe.
     */
    public static final class Builder {
        private final Database database;
        private int capacity = 100_000;
        private int batchSize = 500;
        private Duration retryInterval = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private @Nullable Path folder;

        private Builder(Database database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /**
         * @param rows how many rows may wait in memory for the database, at least 1
         * @return this builder
         */
        public Builder capacity(int rows) {
            this.capacity = atLeastOne("capacity", rows);
            return this;
        }

        /**
         * @param rows the most rows written in one transaction, at least 1
         * @return this builder
         */
        public Builder batchSize(int rows) {
            this.batchSize = atLeastOne("batch size", rows);
            return this;
        }

        /**
         * @param interval how long to wait before trying a database that failed again, at least 1 ms
         * @return this builder
         */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = positive("retryInterval", interval);
            return this;
        }

        /**
         * @param timeout how long {@link #close()} keeps trying a database that is down, zero or more
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * @param experimentFolder the experiment's folder, named in the WARN that says to run
         *     {@code export} (default: {@code <experiment folder>})
         * @return this builder
         */
        public Builder folder(Path experimentFolder) {
            this.folder = Objects.requireNonNull(experimentFolder, "experimentFolder");
            return this;
        }

        /** @return the listener, its writer thread started */
        public DatabaseListener build() {
            DatabaseListener listener = new DatabaseListener(this);
            listener.writer.start();
            return listener;
        }

        private static int atLeastOne(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 row, got " + value);
            }
            return value;
        }

        private static Duration positive(String what, Duration value) {
            Objects.requireNonNull(value, what);
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms, got " + value);
            }
            return value;
        }
    }
}

package io.ddc.process;

import io.ddc.spi.RunResult;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.exec.StreamPumper;
import org.apache.commons.exec.launcher.CommandLauncher;
import org.apache.commons.exec.launcher.CommandLauncherFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one local process, as runners need it:
 *
 * <ul>
 *   <li>argument by argument, never through a shell, and without commons-exec's re-quoting;</li>
 *   <li>standard input closed at once, so a program that asks for input reads end-of-file;</li>
 *   <li>standard output and error pumped to the caller's sinks by commons-exec's
 *       {@link StreamPumper}s, on this executor's own threads;</li>
 *   <li>on timeout (or interruption) the process and all its descendants are killed;</li>
 *   <li>once the process has ended, output still buffered is pumped for at most the
 *       {@linkplain Builder#drainTimeout drain timeout}, so a grandchild that keeps a pipe open
 *       cannot hold the call.</li>
 * </ul>
 *
 * <p>The process is started (through commons-exec's launcher) and waited for on the calling thread,
 * which is also its watchdog: no thread is started per execution. The pumps run on a pool of
 * daemon threads named after {@link Builder#threadName}, reused from one execution to the next;
 * a pool thread ends by itself once idle for {@link #PUMP_KEEP_ALIVE}, the way the JDK's own
 * process reaper threads do. A pump left reading a pipe that an orphaned grandchild holds open
 * stays busy until that process closes it. Thread-safe.
 *
 * <pre>{@code
 * ProcessExecutor executor = ProcessExecutor.builder().threadName("ddc-local").build();
 * RunResult result = executor.run(List.of("uname", "-a"), Map.of(), Duration.ofSeconds(5), System.out, System.err);
 * }</pre>
 */
public final class ProcessExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
    /** Default time given to the pumps to drain what is left once the process has ended. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** How long an idle pump thread waits for the next execution before it ends. */
    public static final Duration PUMP_KEEP_ALIVE = Duration.ofSeconds(2);
    /** How long a killed process may take to be gone before the execution stops waiting for it. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** Bytes a pump moves at a time: a quarter of a Linux pipe's buffer. */
    private static final int PUMP_BUFFER = 16 * 1024;
    /** Numbers the pump threads of every executor, so that no two threads share a name. */
    private static final AtomicLong PUMP_COUNTER = new AtomicLong();

    private final Duration drainTimeout;
    private final @Nullable File workingDirectory;
    private final CommandLauncher launcher = CommandLauncherFactory.createVMLauncher();
    private final ThreadPoolExecutor pumps;

    private ProcessExecutor(Builder builder) {
        this.drainTimeout = builder.drainTimeout;
        this.workingDirectory = builder.workingDirectory == null ? null : builder.workingDirectory.toFile();
        String prefix = builder.threadName;
        this.pumps = new ThreadPoolExecutor(0, Integer.MAX_VALUE, builder.pumpKeepAlive.toNanos(),
                TimeUnit.NANOSECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, prefix + "-pump-" + PUMP_COUNTER.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts a configuration. Defaults: threads named {@code ddc-exec-pump-N}, drain timeout
     * {@link #DEFAULT_DRAIN_TIMEOUT}, the coordinator's working directory.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command the executable followed by its arguments, passed as they are
     * @param environment variables added to (or replacing those of) the coordinator's environment
     * @param timeout how long the process may run
     * @param stdout where standard output goes (not closed)
     * @param stderr where standard error goes (not closed)
     * @return {@link RunResult#exited}, {@link RunResult#timedOut} or {@link RunResult#couldNotStart}
     * @throws InterruptedException if this thread is interrupted; the process tree is killed first
     */
    public RunResult run(List<String> command, Map<String, String> environment, Duration timeout, OutputStream stdout,
            OutputStream stderr) throws InterruptedException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        for (String part : command) {
            Objects.requireNonNull(part, "command contains null");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before " + command.get(0) + " was started");
        }
        if (workingDirectory != null && !workingDirectory.isDirectory()) {
            return RunResult.couldNotStart("could not start " + command.get(0) + ": working directory "
                    + workingDirectory + " is not a directory");
        }
        Process process;
        try {
            process = launcher.exec(new VerbatimCommandLine(command), mergedEnvironment(environment),
                    workingDirectory);
        } catch (IOException | RuntimeException e) {
            return RunResult.couldNotStart(describe(command.get(0), e));
        }
        closeQuietly(process.getOutputStream());
        Future<?> out = pump(process.getInputStream(), stdout);
        Future<?> err = pump(process.getErrorStream(), stderr);
        boolean timedOut;
        try {
            timedOut = !process.waitFor(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killAndDrain(command.get(0), process, out, err);
            throw e;
        }
        if (timedOut) {
            killAndDrain(command.get(0), process, out, err);
            return RunResult.timedOut(timeout);
        }
        drain(command.get(0), out, err, System.nanoTime() + drainTimeout.toNanos());
        return RunResult.exited(process.exitValue());
    }

    /** For tests: how many pumps are reading or writing now (idle pool threads are not counted). */
    int busyPumps() {
        return pumps.getActiveCount();
    }

    private Future<?> pump(InputStream from, OutputStream to) {
        StreamPumper pumper = new StreamPumper(from, to, false, PUMP_BUFFER);
        return pumps.submit(() -> {
            try {
                pumper.run();
            } finally {
                closeQuietly(from);
            }
        });
    }

    /**
     * Waits for both pumps until {@code deadline} (a {@link System#nanoTime()}); a pump still
     * reading then is left to end when the pipe closes, and the call goes on without it.
     */
    private static void drain(String executable, Future<?> out, Future<?> err, long deadline)
            throws InterruptedException {
        int stuck = 0;
        for (Future<?> pump : List.of(out, err)) {
            try {
                pump.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stuck++;
            } catch (ExecutionException e) {
                // StreamPumper catches what the streams throw: only an Error gets here
                LOG.warn("{}: output pump failed", executable, e.getCause());
            }
        }
        if (stuck > 0) {
            LOG.debug("{}: {} pump(s) left reading output held open by an orphaned process", executable, stuck);
        }
    }

    /**
     * Kills the tree, then waits for the process to be gone and for the pumps, which get what was
     * printed before the kill; both waits are bounded and go on if the caller is interrupted, whose
     * interrupt is kept.
     */
    private void killAndDrain(String executable, Process process, Future<?> out, Future<?> err) {
        ProcessTree.kill(process.toHandle());
        long gone = System.nanoTime() + KILL_WAIT.toNanos();
        uninterruptibly(() -> process.waitFor(Math.max(0, gone - System.nanoTime()), TimeUnit.NANOSECONDS));
        long drained = System.nanoTime() + drainTimeout.toNanos();
        uninterruptibly(() -> drain(executable, out, err, drained));
    }

    /** A wait that ends by its own deadline. */
    private interface BoundedWait {
        void await() throws InterruptedException;
    }

    /** Waits to the end even if interrupted meanwhile, then restores the interrupt. */
    private static void uninterruptibly(BoundedWait wait) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    wait.await();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static @Nullable Map<String, String> mergedEnvironment(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(extra);
        return merged;
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.trace("closing a process stream", e);
        }
    }

    private static String describe(String executable, Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return "could not start " + executable + ": " + (message != null ? message : cause.getClass().getSimpleName());
    }

    /**
     * Configures a {@link ProcessExecutor}. Not thread-safe.
     */
    public static final class Builder {
        private String threadName = "ddc-exec";
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Duration pumpKeepAlive = PUMP_KEEP_ALIVE;
        private @Nullable Path workingDirectory;

        private Builder() {}

        /**
         * Sets the prefix of the names of this executor's threads ({@code <prefix>-pump-<n>}).
         *
         * @param prefix e.g. {@code ddc-local}
         * @return this builder
         */
        public Builder threadName(String prefix) {
            this.threadName = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets how long the pumps may go on draining output once the process has ended. Output a
         * process leaves in its pipes is drained in a few milliseconds; the limit matters when a
         * process it started in the background keeps the pipe open, and when the coordinator is so
         * loaded that a pump waits long to be scheduled.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = positive(timeout, "drain timeout");
            return this;
        }

        /** For tests: how long an idle pump thread lives. */
        Builder pumpKeepAlive(Duration keepAlive) {
            this.pumpKeepAlive = positive(keepAlive, "keep-alive");
            return this;
        }

        /**
         * Sets the working directory of the processes.
         *
         * @param directory an existing directory
         * @return this builder
         */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @return the executor */
        public ProcessExecutor build() {
            return new ProcessExecutor(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
            return value;
        }
    }
}

package io.ddc.process;

import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DaemonExecutor;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.Executor;
import org.apache.commons.exec.PumpStreamHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one local process through commons-exec, as runners need it:
 *
 * <ul>
 *   <li>argument by argument, never through a shell, and without commons-exec's re-quoting;</li>
 *   <li>standard input closed at once, so a program that asks for input reads end-of-file;</li>
 *   <li>standard output and error pumped to the caller's sinks on their own threads;</li>
 *   <li>on timeout (or interruption) the process and all its descendants are killed;</li>
 *   <li>once the process has ended, output still buffered is pumped for at most the
 *       {@linkplain Builder#drainTimeout drain timeout} (plus commons-exec's fixed 2 s), so a
 *       grandchild that keeps a pipe open cannot hold the call.</li>
 * </ul>
 *
 * <p>Each {@link #run} uses its own executor, watchdog and stream handler; the threads it starts are
 * daemon threads named after {@link Builder#threadName}. Thread-safe.
 *
 * <pre>{@code
 * ProcessExecutor executor = ProcessExecutor.builder().threadName("ddc-local").build();
 * RunResult result = executor.run(List.of("uname", "-a"), Map.of(), Duration.ofSeconds(5), System.out, System.err);
 * }</pre>
 */
public final class ProcessExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
    /** Default time given to the pumps to drain what is left once the process has ended. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMillis(100);
    /** How long a finished execution waits for its threads (watchdog, executor) to end. */
    private static final Duration THREAD_JOIN_LIMIT = Duration.ofMillis(500);

    private final String threadName;
    private final Duration drainTimeout;
    private final @Nullable Path workingDirectory;

    private ProcessExecutor(Builder builder) {
        this.threadName = builder.threadName;
        this.drainTimeout = builder.drainTimeout;
        this.workingDirectory = builder.workingDirectory;
    }

    /**
     * Starts a configuration. Defaults: threads named {@code ddc-exec}, drain timeout
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
        if (Thread.interrupted()) {
            // a pending interrupt would only be seen once the process is being launched: start nothing
            throw new InterruptedException("interrupted before " + command.get(0) + " was started");
        }
        CommandLine line = new VerbatimCommandLine(command);
        ExecutionThreads threads = new ExecutionThreads(threadName);
        TreeWatchdog watchdog = new TreeWatchdog(timeout, threads);
        PumpStreamHandler pumps = new NamedPumpStreamHandler(stdout, stderr, threads, drainTimeout);
        pumps.setStopTimeout(drainTimeout);
        // DefaultExecutor would make its thread a non-daemon one
        DefaultExecutor.Builder<?> executorBuilder = DaemonExecutor.builder()
                .setExecuteStreamHandler(pumps)
                .setThreadFactory(threads);
        if (workingDirectory != null) {
            executorBuilder.setWorkingDirectory(workingDirectory);
        }
        DefaultExecutor executor = executorBuilder.get();
        executor.setExitValues(null);
        executor.setProcessDestroyer(watchdog);
        CompletionLatch handler = new CompletionLatch();
        try {
            executor.execute(line, mergedEnvironment(environment), handler);
            handler.await();
        } catch (InterruptedException e) {
            watchdog.killNow();
            watchdog.finish();
            joinQuietly(threads);
            throw e;
        } catch (IOException e) {
            watchdog.finish();
            return RunResult.couldNotStart(describe(command.get(0), e));
        }
        watchdog.finish();
        List<Thread> left = threads.join(THREAD_JOIN_LIMIT);
        if (!left.isEmpty()) {
            LOG.debug("{}: {} thread(s) of the execution still running", command.get(0), left.size());
        }
        Process process = watchdog.process();
        if (process == null) {
            ExecuteException failure = handler.failure();
            return RunResult.couldNotStart(describe(command.get(0), failure));
        }
        if (watchdog.fired()) {
            return RunResult.timedOut(timeout);
        }
        ExecuteException failure = handler.failure();
        if (failure != null) {
            // the process ran; the failure is commons-exec giving up on a pump held open by an orphan
            LOG.debug("{}: {}", command.get(0), failure.getMessage());
        }
        return RunResult.exited(process.exitValue());
    }

    private static @Nullable Map<String, String> mergedEnvironment(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(extra);
        return merged;
    }

    /** After killing the tree the threads end promptly; wait for them so that nothing is left. */
    private static void joinQuietly(ExecutionThreads threads) {
        try {
            threads.join(THREAD_JOIN_LIMIT.plusSeconds(3));
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(String executable, @Nullable Exception failure) {
        if (failure == null) {
            return "could not start " + executable;
        }
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
        private @Nullable Path workingDirectory;

        private Builder() {}

        /**
         * Sets the prefix of the names of the threads this executor starts.
         *
         * @param prefix e.g. {@code ddc-local}
         * @return this builder
         */
        public Builder threadName(String prefix) {
            this.threadName = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets how long the pumps may go on draining output once the process has ended
         * (commons-exec adds a fixed 2 s).
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder drainTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("drain timeout must be positive, got " + timeout);
            }
            this.drainTimeout = timeout;
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
    }

    /**
     * A stream handler whose pump threads carry the executor's thread names, and which gives all its
     * pumps together the drain timeout plus commons-exec's 2 s; commons-exec gives that to each pump in
     * turn, twice as long when a grandchild holds both stdout and stderr.
     */
    private static final class NamedPumpStreamHandler extends PumpStreamHandler {
        private static final Duration COMMONS_EXEC_ADDITION = Duration.ofSeconds(2);

        private final ExecutionThreads threads;
        private final Duration drainTimeout;
        private final List<Thread> pumps = new ArrayList<>();

        NamedPumpStreamHandler(OutputStream stdout, OutputStream stderr, ExecutionThreads threads,
                Duration drainTimeout) {
            super(stdout, stderr);
            this.threads = threads;
            this.drainTimeout = drainTimeout;
        }

        @Override
        protected Thread createPump(InputStream is, OutputStream os, boolean closeWhenExhausted) {
            Thread pump = super.createPump(is, os, closeWhenExhausted);
            pump.setName(threads.nextName() + "-pump");
            threads.adopt(pump);
            pumps.add(pump);
            return pump;
        }

        @Override
        public void stop() throws IOException {
            long deadline = System.nanoTime() + drainTimeout.plus(COMMONS_EXEC_ADDITION).toNanos();
            List<Thread> stuck = new ArrayList<>();
            for (Thread pump : pumps) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    try {
                        pump.join(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (pump.isAlive()) {
                    stuck.add(pump);
                }
            }
            if (stuck.isEmpty()) {
                super.stop();
                return;
            }
            // they read until the orphan closes the pipe: the execution does not wait for them again
            stuck.forEach(threads::abandon);
            LOG.debug("{} pump(s) left reading output held open by an orphaned process", stuck.size());
            getErr().flush();
            getOut().flush();
            throw new ExecuteException("output still open " + drainTimeout.plus(COMMONS_EXEC_ADDITION)
                    + " after the process ended", Executor.INVALID_EXITVALUE);
        }
    }
}

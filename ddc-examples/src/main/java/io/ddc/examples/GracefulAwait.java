package io.ddc.examples;

import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.ExperimentRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits for a run to end, the one way {@code demo}, {@code run} and {@code exec} share: a Ctrl-C
 * (the JVM's shutdown hook) or an interrupt of the waiting thread stops the run gracefully, so the
 * running iteration still ends (its executions finish or time out) and writes its trace lines, and
 * the command's report is printed before the JVM exits. Stateless; each call registers a shutdown
 * hook for the time of its run only.
 */
final class GracefulAwait {
    /** How long a Ctrl-C waits for the running iteration, its trace lines and the report. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private GracefulAwait() {}

    /** What a command prints once its run has ended. */
    @FunctionalInterface
    interface Ending {
        /**
         * Prints the report; called on the waiting thread before the JVM may exit, and before an
         * interrupt of that thread is restored, so it can still read files.
         *
         * @param completion how the run ended
         * @param stopped true if it was stopped by Ctrl-C or an interrupt
         * @return the exit code
         */
        int report(Completion completion, boolean stopped);
    }

    /**
     * Waits for the run, then lets {@code ending} report.
     *
     * @param run the started run
     * @param command such as {@code ddc run}, to prefix a run-time error
     * @param err where a run-time error is printed
     * @param ending prints the report and chooses the exit code
     * @return the exit code {@code ending} chose, or {@link ExitCodes#SOME_PAIRS_NEVER_SUCCEEDED} if
     *     the run failed (a storage failure: the message is printed to {@code err})
     */
    static int await(ExperimentRun run, String command, PrintStream err, Ending ending) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(ending, "ending");
        AtomicBoolean signalled = new AtomicBoolean();
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            signalled.set(true);
            run.stop();
            try {
                reported.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ddc-launcher-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            Completion completion = null;
            while (completion == null) {
                try {
                    completion = run.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.stop();
                } catch (DdcException e) {
                    err.println(command + ": " + e.getMessage());
                    return ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED;
                }
            }
            return ending.report(completion, interrupted || signalled.get());
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running and returns once reported
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.ddc.launcher;

import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.ExperimentRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a run to end, the one way {@code demo}, {@code run} and {@code exec} share. SIGINT
 * (Ctrl-C), SIGTERM ({@link StopSignals}) or an interrupt of the waiting thread stop the run
 * gracefully: no new target starts, the running executions get the experiment's grace and are
 * then killed by their runner, the iteration's trace lines are written, and the command's report
 * is printed before the JVM exits with 130 (SIGINT, interrupt) or 143 (SIGTERM). A shutdown hook
 * does the same for any other way the JVM is asked to end (SIGHUP, {@code System.exit}), waiting
 * at most the grace and {@link #SHUTDOWN_MARGIN} for the report.
 *
 * <pre>{@code
 * try (GracefulAwait stops = GracefulAwait.install("ddc run", err)) {
 *     ExperimentRun run = experiment.start();
 *     return stops.await(run, (completion, stop) -> report(completion, stop));
 * }
 * }</pre>
 *
 * <p>One per run, used by one thread (the signal handlers run on the JVM's own); the signals are
 * caught from {@link #install} to {@link #close()}, the hook is registered during {@link #await}.
 */
final class GracefulAwait implements AutoCloseable {
    /** What a shutdown hook waits, beyond the grace, for the trace lines and the report. */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(30);

    private final String command;
    private final PrintStream err;
    private final StopSignals signals;
    private final AtomicReference<@Nullable Stop> stop = new AtomicReference<>();
    /** The run to stop, once it has started; a signal before that stops it as soon as it is known. */
    private final AtomicReference<@Nullable ExperimentRun> run = new AtomicReference<>();

    private GracefulAwait(String command, PrintStream err) {
        this.command = command;
        this.err = err;
        this.signals = StopSignals.install(name -> stopOnce(Stop.of(name)));
    }

    /** How a run was stopped from outside, and the launcher's exit code then. */
    enum Stop {
        /** SIGINT (Ctrl-C), or an interrupt of the waiting thread. */
        INTERRUPT("SIGINT (Ctrl-C)", ExitCodes.INTERRUPTED),
        /** SIGTERM, as a service manager sends it. */
        TERMINATE("SIGTERM", ExitCodes.TERMINATED),
        /** Any other end of the JVM (SIGHUP, {@code System.exit}), seen by the shutdown hook. */
        SHUTDOWN("the JVM's shutdown", ExitCodes.INTERRUPTED);

        private final String signal;
        private final int exitCode;

        Stop(String signal, int exitCode) {
            this.signal = signal;
            this.exitCode = exitCode;
        }

        /** @return such as {@code SIGTERM} */
        String signal() {
            return signal;
        }

        /** @return 130 or 143 */
        int exitCode() {
            return exitCode;
        }

        /** @return the line a command prints last after such a stop */
        String ending() {
            return "stopped by " + signal + ": the last iteration's trace lines are written; exit code " + exitCode;
        }

        static Stop of(String signalName) {
            return signalName.equals("TERM") ? TERMINATE : INTERRUPT;
        }
    }

    /** What a command prints once its run has ended. */
    @FunctionalInterface
    interface Ending {
        /**
         * Prints the report; called on the waiting thread before the JVM may exit, and before an
         * interrupt of that thread is restored, so it can still read files.
         *
         * @param completion how the run ended
         * @param stop how it was stopped from outside, or null if it ended by itself
         * @return the exit code
         */
        int report(Completion completion, @Nullable Stop stop);
    }

    /**
     * Catches SIGINT and SIGTERM from now until {@link #close()}; call it before the run starts, so
     * that no signal can come between the start and the wait.
     *
     * @param command such as {@code ddc run}, to prefix messages
     * @param err where a run-time error and the notice of a signal are printed
     * @return the waiter, to close after the run
     */
    static GracefulAwait install(String command, PrintStream err) {
        return new GracefulAwait(Objects.requireNonNull(command, "command"), Objects.requireNonNull(err, "err"));
    }

    /**
     * Waits for the run, then lets {@code ending} report.
     *
     * @param started the started run
     * @param ending prints the report and chooses the exit code
     * @return the exit code {@code ending} chose, or {@link ExitCodes#SOME_PAIRS_NEVER_SUCCEEDED} if
     *     the run failed (a storage failure: the message is printed to {@code err})
     */
    int await(ExperimentRun started, Ending ending) {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ending, "ending");
        run.set(started);
        if (stop.get() != null) {
            // a signal came before the run had started
            started.stop();
        }
        if (signals.caught().size() + signals.ignored().size() < StopSignals.NAMES.size()) {
            err.println(command + ": this JVM lets " + (signals.caught().isEmpty() ? "no signal" : "only SIG"
                    + String.join(" and SIG", signals.caught())) + " be caught; other signals end the run through"
                    + " the shutdown hook, with the JVM's own exit code");
        }
        Duration grace = started.experiment().grace();
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopOnce(Stop.SHUTDOWN);
            try {
                reported.await(grace.plus(SHUTDOWN_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
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
                    completion = started.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopOnce(Stop.INTERRUPT);
                } catch (DdcException e) {
                    err.println(command + ": " + e.getMessage());
                    return ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED;
                }
            }
            return ending.report(completion, stop.get());
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

    /** Puts back the signal handlers that were there before {@link #install}. */
    @Override
    public void close() {
        signals.close();
    }

    /** Stops the run on the first signal, saying what will happen; a later one only says it is under way. */
    private void stopOnce(Stop cause) {
        if (!stop.compareAndSet(null, cause)) {
            err.println(command + ": " + cause.signal() + " received: already stopping");
            return;
        }
        ExperimentRun current = run.get();
        if (current == null) {
            err.println(command + ": " + cause.signal() + " received: the run stops as soon as it has started");
            return;
        }
        err.println(command + ": " + cause.signal() + " received: no new target starts; executions still running in "
                + Durations.format(current.experiment().grace()) + " are killed");
        current.stop();
    }
}

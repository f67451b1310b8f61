package io.ddc.examples;

import io.ddc.ExecutionResult;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.TargetFamily;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment that the launcher runs by name ({@code ddc run NAME}) and lists ({@code ddc list}).
 * Register it in {@link BundledExperiments}.
 *
 * <p>An implementation is a plain class that uses only the public API: it says what to run (its
 * probes, with their post-collectors, for the machines the chosen runner reaches) and how by
 * default (schedule, parallelism, targets). The launcher builds the
 * {@link io.ddc.Experiment Experiment} from that, and its options win over every default:
 * {@code --target}/{@code --targets} over {@link #defaultTargets}, {@code --check} over
 * {@link #openDefaultCheck} and the runner's check, {@code --iterations}, {@code --interval},
 * {@code --min-gap}, {@code --single-shot} and {@code --deadline} over {@link #defaultSchedule},
 * {@code --parallelism} over {@link #defaultParallelism}, {@code --timeout} over every probe's
 * timeout, {@code --out} over the storage root and {@code --experiment} over {@link #name()} as
 * the folder name.
 *
 * <p>Implementations are immutable and thread-safe; each method may be called for every run and
 * must not start anything but what {@link #openDefaultCheck} opens.
 */
public interface BundledExperiment {
    /**
     * Returns the name {@code ddc run NAME} takes, also the default folder under the storage root.
     *
     * @return 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not starting with {@code .} or {@code -}
     */
    String name();

    /**
     * Returns what the experiment does, in one line for {@code ddc list}.
     *
     * @return one line, without a final period
     */
    String description();

    /**
     * Returns the schedule used unless the schedule options say otherwise.
     *
     * @return such as {@code Schedule.periodic(Duration.ofMinutes(15))}
     */
    Schedule defaultSchedule();

    /**
     * Returns how many targets are visited at once unless {@code --parallelism} says otherwise.
     *
     * @return 1 to {@link io.ddc.Experiment#MAX_PARALLELISM}; 1 by default
     */
    default int defaultParallelism() {
        return 1;
    }

    /**
     * Builds the probes, with their post-collectors, in the order they run on each target.
     *
     * @param setup the chosen runner ({@link Setup#windowsTargets()} picks the commands) and where
     *     post-collectors print
     * @return at least one probe, with distinct names
     * @throws IllegalArgumentException if the experiment cannot run with that runner, saying why
     *     (the launcher exits with 2 and that message)
     */
    List<Probe> probes(Setup setup);

    /**
     * Returns the targets used when neither {@code --target} nor {@code --targets} is given.
     *
     * @param setup the chosen runner
     * @return the targets, or empty (the default) when the user must give them
     */
    default Optional<TargetPool> defaultTargets(Setup setup) {
        return Optional.empty();
    }

    /**
     * Opens the availability check that goes with the {@link #defaultTargets default targets}:
     * called only when those targets are used and {@code --check} is not given, just before the
     * run; its resource is released once the run has ended. Without one (the default), the runner's
     * own check is used.
     *
     * @param setup the chosen runner
     * @return the check and how to release what it opened, or empty
     * @throws IOException if what the check needs cannot be opened (the launcher exits with 2)
     */
    default Optional<DefaultCheck> openDefaultCheck(Setup setup) throws IOException {
        return Optional.empty();
    }

    /**
     * Where post-collectors raise alerts: the launcher prints each one as a line
     * {@code ALERT <text>} and, when mail is on ({@code --mail-to}), mails it. Implementations are
     * thread-safe and return at once.
     */
    @FunctionalInterface
    public interface Alerts {
        /**
         * Raises one alert.
         *
         * @param result the result that raised it
         * @param text what happened, one line, such as {@code smart-check m01 /dev/sda: ... grew 0 -> 8}
         */
        void raise(ExecutionResult result, String text);
    }

    /**
     * What the launcher tells an experiment about the run being prepared.
     *
     * @param runner the runner chosen with {@code --runner}
     * @param out where post-collectors print lines for the user; it keeps them apart from the
     *     launcher's progress line, so print whole lines
     * @param alerts where post-collectors raise alerts
     */
    public record Setup(RemoteRunner runner, PrintStream out, Alerts alerts) {
        /** Checks the components. */
        public Setup {
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(alerts, "alerts");
        }

        /**
         * A setup whose alerts are only printed to {@code out}, as {@code ALERT <text>} lines.
         *
         * @param runner the runner
         * @param out where post-collectors print, alerts included
         */
        public Setup(RemoteRunner runner, PrintStream out) {
            this(runner, out, printing(out));
        }

        /**
         * Alerts printed as lines {@code ALERT <text>}.
         *
         * @param out where
         * @return the alerts
         */
        public static Alerts printing(PrintStream out) {
            Objects.requireNonNull(out, "out");
            return (result, text) -> out.println("ALERT " + text);
        }

        /**
         * Tells which commands the targets understand, from the runner's
         * {@linkplain RemoteRunner#targetFamily() target family}.
         *
         * @return true for Windows commands (the PsExec runner, an SSH runner set up for PowerShell
         *     targets, the local runner on a Windows coordinator), false for Linux commands (the
         *     local runner on a Linux coordinator, the SSH runner for POSIX targets, and any runner
         *     that does not say)
         */
        public boolean windowsTargets() {
            return runner.targetFamily() == TargetFamily.WINDOWS;
        }
    }

    /**
     * An availability check opened for the default targets, and how to release what it holds.
     *
     * @param check the check
     * @param release closes what the check needs (a port, a thread); must not throw
     */
    public record DefaultCheck(AvailabilityCheck check, Runnable release) {
        /** Checks the components. */
        public DefaultCheck {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(release, "release");
        }
    }
}

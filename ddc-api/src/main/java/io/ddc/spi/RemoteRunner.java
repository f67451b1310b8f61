package io.ddc.spi;

import io.ddc.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Runs one command on one target and streams its output to the sinks the engine gives it, so that
 * a huge output never has to sit in memory.
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #run} for up to {@code parallelism}
 * targets at once. A runner must honour the probe's timeout (kill what it started and return
 * {@link RunResult#timedOut}), close the program's standard input, and neither leave a thread or a
 * process behind once {@code run} has returned.
 *
 * <p>Runners are passed to {@link io.ddc.Experiment.Builder#runner} directly, or found by name with
 * {@link #load(String)} among the providers declared with {@code provides io.ddc.spi.RemoteRunner}
 * (module path) or {@code META-INF/services/io.ddc.spi.RemoteRunner} (class path).
 */
public interface RemoteRunner {
    /** @return a short name, such as {@code local} or {@code psexec}, used by {@link #load(String)} */
    String name();

    /**
     * Runs {@code request.command()} on {@code request.target()}.
     *
     * @param request what to run, where, for how long, and where the output goes
     * @return how the execution ended
     * @throws InterruptedException if the calling thread is interrupted; the runner kills what it
     *     started before throwing
     */
    RunResult run(ExecutionRequest request) throws InterruptedException;

    /**
     * Checks, when an experiment is built, that this runner can run the probe's command, so that a
     * probe it could never run is refused before anything starts (a line break in a Windows
     * argument, a NUL byte over SSH). Called by {@link io.ddc.Experiment.Builder#build()} for each
     * probe.
     *
     * @param probe a probe of the experiment
     * @throws IllegalArgumentException saying what in the probe this runner cannot pass, and what
     *     to do instead; by default every probe is accepted
     */
    default void validate(Probe probe) {
        Objects.requireNonNull(probe, "probe");
    }

    /**
     * The availability check used when the experiment sets none.
     *
     * @return by default {@link AvailabilityCheck#always()}
     */
    default AvailabilityCheck defaultAvailabilityCheck() {
        return AvailabilityCheck.always();
    }

    /**
     * Tells which kind of commands the targets this runner reaches understand, so that code written
     * for any runner can pick POSIX or Windows commands without knowing the runner's class: the
     * exclusive-access check ({@code io.ddc.inuse.LoggedOnQuery.forRunner}) asks {@code quser} on
     * {@link TargetFamily#WINDOWS} targets and {@code who} on the others. The answer holds for every
     * target of the runner and never changes; the runner need not reach a target to give it.
     *
     * <pre>{@code
     * List<String> osVersion = switch (runner.targetFamily()) {
     *     case WINDOWS -> List.of("cmd", "/c", "ver");
     *     case POSIX, UNKNOWN -> List.of("uname", "-a");
     * };
     * Probe os = Probe.builder("os").command(osVersion).build();
     * }</pre>
     *
     * @return by default {@link TargetFamily#UNKNOWN}; the built-in runners say {@code WINDOWS}
     *     (PsExec, SSH to PowerShell targets, local on a Windows coordinator) or {@code POSIX} (SSH
     *     by default, local on any other coordinator)
     */
    default TargetFamily targetFamily() {
        return TargetFamily.UNKNOWN;
    }

    /**
     * Finds an installed runner by name.
     *
     * @param name e.g. {@code local}
     * @return a runner with its default settings
     * @throws IllegalArgumentException naming the runners that are installed, if none has that name
     */
    static RemoteRunner load(String name) {
        Objects.requireNonNull(name, "name");
        List<String> found = new ArrayList<>();
        for (RemoteRunner runner : ServiceLoader.load(RemoteRunner.class)) {
            if (runner.name().equals(name)) {
                return runner;
            }
            found.add(runner.name());
        }
        throw new IllegalArgumentException("no runner named '" + name + "'; installed runners: "
                + (found.isEmpty() ? "none" : String.join(", ", found)));
    }
}

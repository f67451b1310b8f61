package io.ddc.launcher;

import io.ddc.examples.BundledExperiment;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ddc exec [options] [--probe NAME] -- COMMAND [ARGS...]}: one ad-hoc probe over the
 * targets, like an ad-hoc command of pssh or Ansible, with the storage, trace lines and outcomes of
 * any experiment ({@link ExperimentCommand}).
 *
 * <p>Defaults: the probe and the folder are named {@code exec}; one iteration, unless
 * {@code --iterations}, {@code --interval}, {@code --deadline} or {@code --single-shot} asks for
 * more (then it repeats,
 * every minute unless {@code --interval} says otherwise, until {@code --iterations},
 * {@code --deadline}, every pair succeeded with {@code --single-shot}, or Ctrl-C); the probe's
 * timeout is {@link #DEFAULT_TIMEOUT}. With the local runner and no target, the one target is
 * {@link #LOCAL_TARGET}: the local runner runs everything on this machine, whatever the target,
 * so the name only labels the folder. Any other runner needs targets.
 *
 * <p>The command is passed argument by argument, never through a shell: write
 * {@code -- sh -c 'a | b'} for a pipe.
 */
@Command(name = "exec", sortOptions = false,
        customSynopsis = "ddc exec [OPTIONS] [--probe=NAME] -- COMMAND [ARGS...]",
        description = {"Runs one command, as an ad-hoc probe, on every target, with the same storage, trace lines"
                + " and outcomes as an experiment.",
            "Everything after -- is the command, passed argument by argument, never through a shell (write"
                + " sh -c '...' for one).",
            "Runs one iteration, unless --iterations, --interval, --deadline or --single-shot asks for more; then it"
                + " repeats every 1m (or --interval) until --iterations, --deadline, Ctrl-C or, with --single-shot,"
                + " every target succeeded.",
            "With --runner local and no target, the target is " + ExecCommand.LOCAL_TARGET + ": the command runs on"
                + " this machine."},
        footer = {"", "Durations: a whole number and a unit (ms, s, m, h), units combined from the largest, such as "
                + Durations.EXAMPLES + ".",
            "", ExperimentCommand.EXIT_CODES})
final class ExecCommand extends ExperimentCommand {
    /** The probe's name and the folder's, unless {@code --probe} and {@code --experiment} say otherwise. */
    static final String NAME = "exec";
    /** The target of the local runner when none is given. */
    static final String LOCAL_TARGET = "localhost";
    /** Time between iterations when they repeat, unless {@code --interval} says otherwise. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** The probe's time limit unless {@code --timeout} says otherwise. */
    static final Duration DEFAULT_TIMEOUT = Probe.DEFAULT_TIMEOUT;

    @Option(names = "--probe", paramLabel = "NAME", order = 3,
            description = "the probe's name, which names its files (default: " + NAME + ")")
    private String probeName = NAME;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "the program and its arguments, after --")
    private @Nullable List<String> command;

    /**
     * Creates the command; picocli fills in its options.
     *
     * @param out where progress and the report go
     * @param err where run-time errors go
     * @param environment where {@code --password-env} is looked up
     * @param terminal true if {@code out} is a terminal
     */
    ExecCommand(PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
        super(out, err, environment, terminal);
    }

    @Override
    public Integer call() {
        List<String> argv = Objects.requireNonNull(command, "command");
        Probe.Builder builder;
        try {
            builder = Probe.builder(probeName);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '--probe': " + e.getMessage());
        }
        Probe probe;
        try {
            probe = builder.command(argv).timeout(DEFAULT_TIMEOUT).build();
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for COMMAND: " + e.getMessage());
        }
        Schedule defaults = scheduleOptions().asksToRepeat() ? Schedule.periodic(DEFAULT_INTERVAL)
                : Schedule.periodic(DEFAULT_INTERVAL).withMaxIterations(1);
        return launch(new AdHoc(probe, defaults));
    }

    /** The ad-hoc probe as an experiment. */
    private static final class AdHoc implements BundledExperiment {
        private final Probe probe;
        private final Schedule schedule;

        AdHoc(Probe probe, Schedule schedule) {
            this.probe = probe;
            this.schedule = schedule;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the command " + probe.command();
        }

        @Override
        public Schedule defaultSchedule() {
            return schedule;
        }

        @Override
        public List<Probe> probes(Setup setup) {
            return List.of(probe);
        }

        @Override
        public Optional<TargetPool> defaultTargets(Setup setup) {
            return setup.runner() instanceof LocalRunner ? Optional.of(TargetPool.of(LOCAL_TARGET)) : Optional.empty();
        }
    }
}

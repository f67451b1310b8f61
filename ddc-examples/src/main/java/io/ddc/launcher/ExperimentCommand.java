package io.ddc.launcher;

import io.ddc.examples.BundledExperiment;
import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.files.ExperimentFolder;
import io.ddc.jdbc.Database;
import io.ddc.jdbc.DatabaseListener;
import io.ddc.mail.MailingListener;
import io.ddc.report.ReasonTally;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code run} and {@code exec} share: the options ({@link StorageOptions},
 * {@link TargetOptions}, {@link RunnerOptions}, {@link ScheduleOptions}, {@link DisplayOptions})
 * and {@link #launch}, which builds the experiment from a {@link BundledExperiment} and those
 * options, runs it with a {@link Progress} display, and prints how it ended: the pairs that never
 * succeeded, the most frequent reasons ({@link ReasonTally}), and the exit code.
 *
 * <p>Every option is checked before anything is opened, started or written. Filled in by picocli,
 * then called once on one thread; not thread-safe.
 */
abstract class ExperimentCommand implements Callable<Integer> {
    /** The exit codes of {@code run} and {@code exec}, for their help. */
    static final String EXIT_CODES = "Exit codes: 0 done, 1 some (target, probe) pairs never succeeded, 2 bad usage or"
            + " configuration (nothing ran), 130 interrupted (SIGINT, Ctrl-C) and 143 terminated (SIGTERM): the"
            + " running executions got the --grace, were then killed, and the iteration wrote its trace lines.";
    /** The most reasons of each outcome listed at the end of a run. */
    static final int MOST_FREQUENT_REASONS = 10;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final boolean terminal;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StorageOptions storageOptions = new StorageOptions();

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    @Mixin
    private ScheduleOptions scheduleOptions = new ScheduleOptions();

    @Mixin
    private DisplayOptions displayOptions = new DisplayOptions();

    @Mixin
    private DatabaseOptions databaseOptions = new DatabaseOptions();

    @Mixin
    private MailOptions mailOptions = new MailOptions();

    /**
     * @param out where progress and the report go
     * @param err where run-time errors go
     * @param environment where {@code --password-env} is looked up
     * @param terminal true if {@code out} is a terminal, which gets a live status line
     */
    ExperimentCommand(PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.terminal = terminal;
    }

    /** @return the schedule options, for a command whose defaults depend on them */
    final ScheduleOptions scheduleOptions() {
        return scheduleOptions;
    }

    /**
     * Gives the options not set on the command line the values of an experiment file, so that the
     * file is mapped to the experiment as the options are, and the command line wins.
     *
     * @param file the checked file
     */
    final void defaults(ExperimentFile file) {
        storageOptions.defaults(file.storageRoot());
        runnerOptions.defaults(file.runner());
        scheduleOptions.defaults(file.grace());
        file.mail().ifPresent(mailOptions::defaults);
        file.database().ifPresent(database -> databaseOptions.defaults(fileDatabase(file, database)));
    }

    /**
     * The file's {@code db} URL, checked as {@code --db} would be and with a relative SQLite file read
     * from the file's folder, as every other path of the file.
     */
    private String fileDatabase(ExperimentFile model, ExperimentFile.Located<String> database) {
        String url = database.value();
        String sqlite = "jdbc:sqlite:";
        if (url.startsWith(sqlite)) {
            String file = url.substring(sqlite.length());
            if (!file.isEmpty() && !file.startsWith(":") && !file.startsWith("file:") && !Path.of(file).isAbsolute()) {
                Path folder = model.file().toAbsolutePath().getParent();
                url = sqlite + (folder == null ? Path.of(file) : folder.resolve(file)).normalize();
            }
        }
        try {
            Database.builder(url).build();
        } catch (IllegalArgumentException e) {
            throw usageError(database.at() + ": db: " + e.getMessage());
        }
        return url;
    }

    /**
     * Checks the options, builds the experiment and runs it to the end.
     *
     * @param bundled what to run, and its defaults
     * @return the exit code
     * @throws ParameterException naming the offending option or value; nothing was started or
     *     written
     */
    final int launch(BundledExperiment bundled) {
        String command = Objects.requireNonNull(spec, "spec").qualifiedName();
        Experiment.Builder builder = storageOptions.builder(bundled.name());
        ScheduleOptions.Choice choice = scheduleOptions.resolve(bundled.defaultSchedule(), bundled.defaultParallelism());
        Optional<TargetPool> given = targetOptions.pool();
        // nothing to close yet: the listener starts its thread for its first mail
        Optional<MailingListener> mail = mailOptions.open(storageOptions.folder(bundled.name()), environment);
        RunnerChoice runner = runnerOptions.resolve(environment);
        try (runner; ProgressConsole console = new ProgressConsole(out, terminal)) {
            BundledExperiment.Alerts printed = BundledExperiment.Setup.printing(console.stream());
            BundledExperiment.Setup setup = new BundledExperiment.Setup(runner.runner(), console.stream(),
                    (result, text) -> {
                        printed.raise(result, text);
                        mail.ifPresent(listener -> listener.alert(result, text));
                    });
            List<Probe> probes = probes(bundled, setup, choice.timeout());
            TargetPool targets = given.isPresent() ? given.get() : defaultTargets(command, bundled, setup);
            Schedule schedule = choice.schedule();
            probes.forEach(builder::probe);
            Progress progress = new Progress(console, probes.stream().map(Probe::name).toList(), schedule,
                    displayOptions.progress());
            ReasonTally reasons = new ReasonTally();
            builder.targets(targets)
                    .schedule(schedule)
                    .runner(runner.runner())
                    .parallelism(choice.parallelism())
                    .grace(choice.grace())
                    .listener(progress)
                    .listener(reasons);
            mail.ifPresent(builder::listener);
            // checked before the default check opens anything
            Experiment checked = build(builder);
            Optional<DatabaseOptions.Opener> database = databaseOptions.check(checked.folder(), environment);
            @Nullable AvailabilityCheck check = runner.check();
            BundledExperiment.@Nullable DefaultCheck opened = null;
            if (check == null && given.isEmpty()) {
                try {
                    opened = bundled.openDefaultCheck(setup).orElse(null);
                } catch (IOException e) {
                    err.println(command + ": " + e.getMessage());
                    return ExitCodes.CONFIGURATION;
                }
                check = opened != null ? opened.check() : null;
            }
            if (check != null) {
                builder.availabilityCheck(check);
            }
            try (DatabaseListener listener = database.map(DatabaseOptions.Opener::open).orElse(null)) {
                if (listener != null) {
                    builder.listener(listener);
                }
                return run(command, build(builder), console, progress, reasons, mail);
            } finally {
                if (opened != null) {
                    opened.release().run();
                }
            }
        } finally {
            // sends what is queued (the last report included) and stops the sender thread
            mail.ifPresent(MailingListener::close);
        }
    }

    private TargetPool defaultTargets(String command, BundledExperiment bundled, BundledExperiment.Setup setup) {
        return bundled.defaultTargets(setup).orElseThrow(() -> usageError(setup.runner() instanceof LocalRunner
                ? command + " " + bundled.name() + " has no default targets: give --target NAME or --targets FILE"
                : "--runner " + setup.runner().name() + " needs at least one target: give --target NAME or"
                        + " --targets FILE"));
    }

    private List<Probe> probes(BundledExperiment bundled, BundledExperiment.Setup setup, Optional<Duration> timeout) {
        List<Probe> probes;
        try {
            probes = bundled.probes(setup);
        } catch (IllegalArgumentException e) {
            throw usageError(bundled.name() + " cannot run with the " + setup.runner().name() + " runner: "
                    + e.getMessage());
        }
        return timeout.map(limit -> probes.stream().map(probe -> probe.toBuilder().timeout(limit).build()).toList())
                .orElse(probes);
    }

    /** The pool and the probes can still clash: a target named like a probe's trace file. */
    private Experiment build(Experiment.Builder builder) {
        try {
            Experiment experiment = builder.build();
            ExperimentFolder.checkNames(experiment.probes(), experiment.targets());
            return experiment;
        } catch (IllegalStateException e) {
            throw usageError(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private int run(String command, Experiment experiment, ProgressConsole console, Progress progress,
            ReasonTally reasons, Optional<MailingListener> mail) {
        try (GracefulAwait stops = GracefulAwait.install(command, err)) {
            ExperimentRun run;
            try {
                run = experiment.start();
            } catch (DdcException e) {
                // the storage folder was refused: nothing ran
                err.println(command + ": " + e.getMessage());
                err.println("Nothing ran; --experiment NAME or --out DIR chooses another folder, --fresh-start moves"
                        + " this one aside.");
                return ExitCodes.CONFIGURATION;
            }
            console.release(introduction(experiment));
            return stops.await(run, (completion, stop) -> {
                progress.finish();
                console.clearStatus();
                // a last report, so that a run shorter than --mail-every still mails its trace files
                mail.ifPresent(MailingListener::report);
                return printEnding(experiment, completion, stop, reasons, console);
            });
        }
    }

    /** @return what is about to run: probes, targets, runner, schedule, availability check, folder */
    private static List<String> introduction(Experiment experiment) {
        return List.of(experiment.name() + ": probes " + experiment.probes().stream().map(Probe::name).toList() + " on "
                + experiment.targets().size() + " target(s) with the " + experiment.runner().name() + " runner, "
                + describe(experiment.schedule()) + ", parallelism " + experiment.parallelism(),
                "  availability: " + experiment.availabilityCheck(),
                "  storage: " + experiment.folder().toAbsolutePath().normalize());
    }

    private static int printEnding(Experiment experiment, Completion completion, GracefulAwait.@Nullable Stop stop,
            ReasonTally reasons, ProgressConsole console) {
        long pairs = (long) experiment.targets().size() * experiment.probes().size();
        console.line(String.format(Locale.ROOT, "%s ended after %d iteration(s) (%s) in %.1f s: %s",
                experiment.name(), completion.iterations(), completion.reason(), completion.elapsed().toMillis() / 1000.0,
                completion.allSucceeded() ? "all " + pairs + " (target, probe) pairs succeeded"
                        : completion.pairsNeverSucceeded() + " of " + pairs + " (target, probe) pairs never succeeded"));
        reasons.lines(MOST_FREQUENT_REASONS, "  ").forEach(console::line);
        Path folder = experiment.folder().toAbsolutePath().normalize();
        console.line("  files: " + folder.resolve("<probe>.trace") + ", " + folder.resolve("<target>")
                .resolve("<probe>.stdout") + " and .stderr");
        if (stop != null) {
            console.line(stop.ending());
            return stop.exitCode();
        }
        if (!completion.allSucceeded()) {
            console.line("exit code " + ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED + ": some (target, probe) pairs never"
                    + " succeeded");
            return ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED;
        }
        return ExitCodes.DONE;
    }

    /** @return such as {@code periodic, every 2s, at most 3 iteration(s)} or {@code one iteration} */
    static String describe(Schedule schedule) {
        StringBuilder text = new StringBuilder();
        if (schedule.maxIterations().orElse(0) == 1) {
            text.append("one iteration");
        } else {
            text.append(schedule.mode() == Schedule.Mode.SINGLE_SHOT ? "single-shot, retried every " : "periodic, every ")
                    .append(Durations.format(schedule.interval()));
            if (schedule.maxIterations().isPresent()) {
                text.append(", at most ").append(schedule.maxIterations().getAsLong()).append(" iterations");
            }
        }
        schedule.deadline().ifPresent(deadline -> text.append(", for at most ").append(Durations.format(deadline)));
        if (schedule.maxIterations().isEmpty() && schedule.deadline().isEmpty()) {
            text.append(schedule.mode() == Schedule.Mode.SINGLE_SHOT ? " until every pair succeeded"
                    : " until stopped (Ctrl-C)");
        }
        return text.toString();
    }

    /**
     * Makes a usage error of this command.
     *
     * @param message names the offending option or value
     * @return the exception, for picocli to print with a pointer to the help (exit code 2)
     */
    final ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(spec, "spec").commandLine(), message);
    }
}

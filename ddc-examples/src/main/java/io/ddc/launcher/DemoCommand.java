package io.ddc.launcher;

import io.ddc.examples.DemoExperiment;
import io.ddc.DdcException;
import io.ddc.ExperimentRun;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddc demo}: runs {@link DemoExperiment} and maps how it ended to the launcher's exit codes.
 * The runner and the targets come from the shared {@link RunnerOptions} and {@link TargetOptions}.
 * Every option is checked before anything is opened, started or written.
 */
@Command(name = "demo", sortOptions = false,
        description = {"Runs the bundled demo: " + DemoExperiment.DESCRIPTION + ".",
            "With --runner local and neither --target nor --targets, it uses those loopback targets,"
                + " checked on a TCP port it opens unless --check is given.",
            "With --runner psexec, the same probes run as Windows commands, through PsExec, on the"
                + " targets given with --target or --targets.",
            "Prints one line per iteration, then the trace lines and where the files are.",
            "Some (target, probe) pairs never succeed, on purpose: the demo shows every outcome, and exits with 0"
                + " when it ran as designed."},
        footer = {"", "Exit codes: 0 the demo ran, 1 it could not store its results, 2 bad usage or configuration"
                + " (nothing ran), 130 interrupted (SIGINT), 143 terminated (SIGTERM)."})
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", order = 1,
            description = "storage root, created if missing (default: ${DEFAULT-VALUE})")
    private Path storageRoot = Path.of("ddc-data");

    @Option(names = "--iterations", paramLabel = "N", order = 2,
            description = "how many iterations to run (default: ${DEFAULT-VALUE})")
    private int iterations = DemoExperiment.DEFAULT_ITERATIONS;

    @Option(names = "--experiment", paramLabel = "NAME", order = 3,
            description = "folder name under the storage root (default: ${DEFAULT-VALUE})")
    private String experimentName = DemoExperiment.NAME;

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    /**
     * Creates the command; picocli fills in its options.
     *
     * @param out where progress and the report go
     * @param err where run-time errors go
     * @param environment where {@code --password-env} is looked up
     */
    DemoCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
        if (iterations < 1) {
            throw usageError("--iterations must be 1 or more, got " + iterations);
        }
        if (Files.exists(storageRoot) && !Files.isDirectory(storageRoot)) {
            throw usageError("--out must be a folder, got the file " + storageRoot);
        }
        RunnerChoice runner = runnerOptions.resolve(environment);
        Optional<TargetPool> targets = targetOptions.pool();
        if (targets.isEmpty() && !(runner.runner() instanceof LocalRunner)) {
            throw usageError("--runner " + runner.runner().name() + " needs at least one target:"
                    + " give --target NAME or --targets FILE");
        }
        DemoExperiment.Builder builder = DemoExperiment.builder()
                .storageRoot(storageRoot)
                .name(experimentName)
                .iterations(iterations)
                .runner(runner.runner())
                .out(out);
        targets.ifPresent(builder::targets);
        AvailabilityCheck check = runner.check();
        if (check != null) {
            builder.availabilityCheck(check);
        }
        DemoExperiment demo;
        try {
            demo = builder.open();
        } catch (IllegalArgumentException e) {
            // every other value was checked above: the only one open() can still refuse is the name
            throw usageError("Invalid value for option '--experiment': " + e.getMessage());
        } catch (IOException e) {
            err.println("ddc demo: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        try (runner; demo; GracefulAwait stops = GracefulAwait.install("ddc demo", err)) {
            ExperimentRun run;
            try {
                run = demo.experiment().start();
            } catch (DdcException e) {
                // the storage folder was refused: nothing ran
                err.println("ddc demo: " + e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            demo.printIntroduction();
            return runToTheEnd(demo, run, stops);
        }
    }

    /**
     * Waits for the run and prints its report ({@link GracefulAwait}): SIGINT, SIGTERM or an
     * interrupt of this thread stops the run gracefully, and the report is printed before the JVM
     * exits. The pairs that never succeed are the demo's design, not a failure: it exits with 0
     * when it ran its iterations.
     */
    private int runToTheEnd(DemoExperiment demo, ExperimentRun run, GracefulAwait stops) {
        return stops.await(run, (completion, stop) -> {
            try {
                demo.printReport(completion);
            } catch (IOException e) {
                err.println("ddc demo: the run ended, but its files cannot be read back: " + e.getMessage());
                return ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED;
            }
            if (stop != null) {
                out.println(stop.ending());
                return stop.exitCode();
            }
            return ExitCodes.DONE;
        });
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(spec, "spec").commandLine(), message);
    }
}

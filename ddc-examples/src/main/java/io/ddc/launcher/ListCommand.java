package io.ddc.launcher;

import io.ddc.Probe;
import io.ddc.core.LocalRunner;
import io.ddc.examples.BundledExperiment;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ddc list}: each bundled experiment's name and what it does, names aligned, then its probes
 * and its default schedule and parallelism on lines of their own.
 */
@Command(name = "list", description = {"Lists the bundled experiments: name and what it does, then its probes and"
        + " default schedule.", "'ddc run NAME --dump-file' prints one as an experiment file to start from."},
        footer = {"", "Exit code: 0."})
final class ListCommand implements Callable<Integer> {
    private final PrintStream out;
    private final List<BundledExperiment> experiments;

    ListCommand(PrintStream out, List<BundledExperiment> experiments) {
        this.out = Objects.requireNonNull(out, "out");
        this.experiments = List.copyOf(experiments);
    }

    @Override
    public Integer call() {
        int width = experiments.stream().mapToInt(experiment -> experiment.name().length()).max().orElse(0);
        String indent = " ".repeat(width + 2);
        // the probes of the local runner: their Linux commands, which nothing here starts
        BundledExperiment.Setup setup = new BundledExperiment.Setup(LocalRunner.create(), out);
        for (BundledExperiment experiment : experiments) {
            out.println(experiment.name() + " ".repeat(width - experiment.name().length() + 2)
                    + experiment.description());
            List<Probe> probes = experiment.probes(setup);
            out.println(indent + "probes: " + (probes.isEmpty() ? "none"
                    : String.join(", ", probes.stream().map(ListCommand::describe).toList())));
            out.println(indent + "schedule: " + ExperimentCommand.describe(experiment.defaultSchedule())
                    + "; parallelism " + experiment.defaultParallelism());
        }
        return ExitCodes.DONE;
    }

    /** @return the probe's name and its program, such as {@code loadavg (cat)} */
    private static String describe(Probe probe) {
        return probe.name() + " (" + probe.executable() + ")";
    }
}

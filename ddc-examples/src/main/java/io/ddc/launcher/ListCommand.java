package io.ddc.launcher;

import io.ddc.examples.BundledExperiment;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ddc list}: one line per bundled experiment, its name and what it does, names aligned. */
@Command(name = "list", description = "Lists the bundled experiments, one per line.",
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
        for (BundledExperiment experiment : experiments) {
            out.println(experiment.name() + " ".repeat(width - experiment.name().length() + 2)
                    + experiment.description());
        }
        return ExitCodes.DONE;
    }
}

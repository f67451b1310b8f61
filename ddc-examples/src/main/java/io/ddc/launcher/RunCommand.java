package io.ddc.launcher;

import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ddc run NAME}: runs one of the {@link BundledExperiments bundled experiments}, with its
 * defaults replaced by the options given ({@link ExperimentCommand}).
 */
@Command(name = "run", sortOptions = false,
        description = {"Runs a bundled experiment (see 'ddc list') until its schedule ends, or until Ctrl-C.",
            "The options replace the experiment's defaults: targets, runner, availability check, schedule,"
                + " parallelism, the timeout of every probe, the storage root and the folder name.",
            "Shows its progress (a live line on a terminal, plain lines otherwise) and one summary line per"
                + " iteration."},
        footer = {"", "Durations: a whole number and a unit (ms, s, m, h), units combined from the largest, such as "
                + Durations.EXAMPLES + ".",
            "", ExperimentCommand.EXIT_CODES})
final class RunCommand extends ExperimentCommand {
    private final List<BundledExperiment> experiments;

    @Parameters(paramLabel = "NAME", index = "0", description = "the experiment to run: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    private @Nullable String name;

    /**
     * Creates the command; picocli fills in its options.
     *
     * @param out where progress and the report go
     * @param err where run-time errors go
     * @param environment where {@code --password-env} is looked up
     * @param terminal true if {@code out} is a terminal
     * @param experiments the experiments it can run
     */
    RunCommand(PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal,
            List<BundledExperiment> experiments) {
        super(out, err, environment, terminal);
        this.experiments = List.copyOf(experiments);
    }

    @Override
    public Integer call() {
        String wanted = Objects.requireNonNull(name, "name");
        BundledExperiment experiment = BundledExperiments.find(experiments, wanted).orElseThrow(() -> usageError(
                "unknown experiment '" + wanted + "': use one of " + BundledExperiments.names(experiments)));
        return launch(experiment);
    }

    /** The names shown in the help: those of {@link BundledExperiments#ALL}. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BundledExperiments.ALL.stream().map(BundledExperiment::name).iterator();
        }
    }
}

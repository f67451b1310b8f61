package io.ddc.examples;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The experiments that come with the launcher, in the order {@code ddc list} prints them. To add
 * one, implement {@link BundledExperiment} and add an instance to {@link #ALL}. Immutable.
 */
public final class BundledExperiments {
    /** Every bundled experiment, with distinct names. */
    public static final List<BundledExperiment> ALL = List.of(new BundledDemo(), new ResourceMonitor(), new SmartCheck(),
            new BenchmarkOnce());

    private BundledExperiments() {}

    /**
     * Finds an experiment by name.
     *
     * @param experiments where to look
     * @param name the exact name (case matters)
     * @return the experiment, or empty
     */
    public static Optional<BundledExperiment> find(List<BundledExperiment> experiments, String name) {
        Objects.requireNonNull(name, "name");
        return experiments.stream().filter(experiment -> experiment.name().equals(name)).findFirst();
    }

    /**
     * Lists the names, for messages.
     *
     * @param experiments the experiments
     * @return their names, separated by ", "
     */
    public static String names(List<BundledExperiment> experiments) {
        return String.join(", ", experiments.stream().map(BundledExperiment::name).toList());
    }
}

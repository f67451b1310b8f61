package io.ddc.launcher;

import io.ddc.ExecutionResult;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.examples.BundledExperiment;
import io.ddc.launcher.ExperimentFile.Located;
import io.ddc.launcher.ExperimentFile.ProbeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An experiment file as the launcher runs it: its probes (with their post-collectors built from
 * their class names), targets, schedule and parallelism are the defaults of a
 * {@link BundledExperiment}, so that {@link ExperimentCommand#launch} builds it as it builds a
 * bundled one and the command-line options replace the file's values in the one way they replace
 * a bundled experiment's. Immutable once built; its post-collectors are the user's.
 */
final class FileExperiment implements BundledExperiment {
    private final ExperimentFile file;
    private final List<Probe> probes;
    private final AlertRelay alerts;

    private FileExperiment(ExperimentFile file, List<Probe> probes, AlertRelay alerts) {
        this.file = file;
        this.probes = List.copyOf(probes);
        this.alerts = alerts;
    }

    /**
     * Builds every post-collector the file names, before anything runs.
     *
     * @param file the checked file
     * @param loader where the post-collector classes are found
     * @param where how the class path is described in messages
     * @return the experiment
     * @throws IllegalArgumentException naming the file's line and the class, if a post-collector
     *     cannot be built ({@link PostCollectorClasses})
     */
    static FileExperiment build(ExperimentFile file, ClassLoader loader, String where) {
        Objects.requireNonNull(file, "file");
        List<Probe> probes = new ArrayList<>();
        AlertRelay alerts = new AlertRelay();
        for (ProbeEntry entry : file.probes()) {
            Probe.Builder builder = entry.probe().toBuilder();
            for (Located<String> className : entry.postCollectors()) {
                PostCollector collector = PostCollectorClasses.create(className, entry.settings(), alerts, loader,
                        where);
                try {
                    builder.postCollector(className.value(), collector);
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException(className.at() + ": post-collector " + className.value()
                            + ": is named twice for probe " + entry.probe().name(), e);
                }
            }
            probes.add(builder.build());
        }
        return new FileExperiment(file, probes, alerts);
    }

    /** @return the file this experiment was read from */
    ExperimentFile file() {
        return file;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public String description() {
        return "the experiment of " + file.file();
    }

    @Override
    public Schedule defaultSchedule() {
        return file.schedule();
    }

    @Override
    public int defaultParallelism() {
        return file.parallelism().orElse(1);
    }

    /** The post-collectors were built before the run's setup existed: their alerts go where it says from now on. */
    @Override
    public List<Probe> probes(Setup setup) {
        alerts.target = setup.alerts();
        return probes;
    }

    @Override
    public Optional<TargetPool> defaultTargets(Setup setup) {
        return Optional.of(file.targets());
    }

    /**
     * What the post-collectors of the file get to raise alerts: it hands them to the setup of the
     * run. Thread-safe; an alert raised before the run (from a constructor) is printed on standard
     * error.
     */
    private static final class AlertRelay implements BiConsumer<ExecutionResult, String> {
        private volatile Alerts target = (result, text) -> System.err.println("ALERT " + text);

        @Override
        public void accept(ExecutionResult result, String text) {
            target.raise(Objects.requireNonNull(result, "result"), Objects.requireNonNull(text, "text"));
        }
    }
}

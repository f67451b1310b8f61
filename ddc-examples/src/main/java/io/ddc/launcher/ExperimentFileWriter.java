package io.ddc.launcher;

import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.examples.BundledExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a bundled experiment as an experiment file ({@code ddc run NAME --dump-file}), for a user
 * to start from: the keys {@link ExperimentFileReader} reads, with the experiment's name, default
 * targets ({@code localhost} when it has none), schedule, parallelism and probes. Post-collectors
 * that are Java code of the bundled experiment cannot be named by class; they are listed in a
 * comment. SnakeYAML Engine writes the values, so that any text (a shell script included) is quoted
 * as YAML needs. Stateless and thread-safe.
 */
final class ExperimentFileWriter {
    /** The target written when the experiment has no default targets. */
    static final String PLACEHOLDER_TARGET = "localhost";

    private ExperimentFileWriter() {}

    /**
     * Writes the file.
     *
     * @param experiment the bundled experiment
     * @param setup the runner whose commands the probes get
     * @return the file's text, which {@code ddc run --file} accepts
     */
    static String write(BundledExperiment experiment, BundledExperiment.Setup setup) {
        Objects.requireNonNull(experiment, "experiment");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", experiment.name());
        List<String> targets = experiment.defaultTargets(setup)
                .map(pool -> pool.targets().stream().map(Target::name).toList())
                .orElse(List.of(PLACEHOLDER_TARGET));
        file.put("targets", targets);
        file.put("runner", setup.runner().name());
        file.put("parallelism", experiment.defaultParallelism());
        file.put("schedule", schedule(experiment.defaultSchedule()));
        List<Object> probes = new ArrayList<>();
        List<String> javaCollectors = new ArrayList<>();
        for (Probe probe : experiment.probes(setup)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", probe.name());
            entry.put("command", probe.command());
            entry.put("timeout", Durations.format(probe.timeout()));
            entry.put("accepted-exit-codes", List.copyOf(probe.acceptedExitCodes()));
            probes.add(entry);
            probe.postCollectors().forEach(collector -> javaCollectors.add(probe.name() + ": " + collector.name()));
        }
        file.put("probes", probes);
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setSchema(new CoreSchema())
                .setWidth(120).build();
        StringBuilder text = new StringBuilder();
        text.append("# ").append(experiment.name()).append(": ").append(experiment.description()).append('\n');
        text.append("# written by 'ddc run ").append(experiment.name()).append(" --dump-file'; run it with")
                .append(" 'ddc run --file FILE'\n");
        if (experiment.defaultTargets(setup).isEmpty()) {
            text.append("# targets: ").append(PLACEHOLDER_TARGET).append(" stands for your machines\n");
        }
        for (String collector : javaCollectors) {
            text.append("# post-collector of probe ").append(collector)
                    .append(" is Java code of the bundled experiment, not in this file\n");
        }
        text.append(new Dump(settings).dumpToString(file));
        return text.toString();
    }

    private static Map<String, Object> schedule(Schedule schedule) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("interval", Durations.format(schedule.interval()));
        if (!schedule.minimumGap().equals(Schedule.DEFAULT_MINIMUM_GAP)) {
            entry.put("min-gap", Durations.format(schedule.minimumGap()));
        }
        schedule.maxIterations().ifPresent(count -> entry.put("iterations", count));
        schedule.deadline().ifPresent(deadline -> entry.put("deadline", Durations.format(deadline)));
        entry.put("single-shot", schedule.mode() == Schedule.Mode.SINGLE_SHOT);
        return entry;
    }
}

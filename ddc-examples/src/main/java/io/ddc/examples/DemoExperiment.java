package io.ddc.examples;

import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.TraceReader;
import io.ddc.report.ReasonTally;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.RemoteRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The bundled demo: four harmless probes ({@link DemoProbes}), every {@link #INTERVAL}, so that
 * every outcome shows up in the trace lines.
 *
 * <p>By default it runs the {@link DemoProbes#LINUX Linux probes} with the {@link LocalRunner} over
 * the loopback targets {@code 127.0.0.1}, {@code 127.0.0.2} and {@code 127.0.0.3}:
 *
 * <ul>
 *   <li>{@code os} ({@code uname -a}), {@code load} ({@code cat /proc/loadavg}, with a post-collector
 *       that prints the load averages) and {@code hello} ({@code sh -c 'echo "hello from
 *       $DDC_TARGET"'}) succeed;</li>
 *   <li>{@code broken} ({@code ls /nonexistent-ddc-demo}) exits with 2 and is FAILED;</li>
 *   <li>the availability check is a TCP connection to a port that the demo opens on 127.0.0.1 and
 *       127.0.0.2 only, so 127.0.0.3 refuses it and is UNAVAILABLE for every probe.</li>
 * </ul>
 *
 * <p>So some (target, probe) pairs never succeed, on purpose. That set-up needs a Linux coordinator
 * ({@code /proc/loadavg}, and 127.0.0.2 answering without configuration). Given another runner, such
 * as a {@link io.ddc.psexec.PsExecRunner}, the demo runs the probe set that runner's machines
 * understand ({@link DemoProbes#forRunner}) on the targets it is given, with the runner's own
 * availability check unless one is set. The demo uses only the public API.
 *
 * <pre>{@code
 * try (DemoExperiment demo = DemoExperiment.builder()
 *         .runner(PsExecRunner.builder()
 *                 .credentials(CredentialsProvider.fromEnvironment("LAB\\ddc", "DDC_PASSWORD"))
 *                 .build())
 *         .targets(TargetPool.of("m01", "m02"))
 *         .open();
 *         ExperimentRun run = demo.experiment().start()) {
 *     demo.printReport(run.await());
 * }
 * }</pre>
 *
 * <p>Thread-safe: progress lines, post-collector lines and the report are whole lines printed to the
 * one stream given to the builder. Closing the demo closes its TCP port, if it opened one, and joins
 * its thread; close it after the run has ended.
 */
public final class DemoExperiment implements AutoCloseable {
    /** The demo's name, also its default folder under the storage root. */
    public static final String NAME = "demo";
    /** One line for {@code ddc.jar list}. */
    public static final String DESCRIPTION = "4 harmless local probes on 3 loopback targets, every 2 s;"
            + " one target is unavailable and one probe fails on purpose";
    /** The targets used with the local runner when none are given, in visiting order. */
    public static final List<String> LOOPBACK_TARGETS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    /** The loopback target that refuses the availability check. */
    public static final String UNAVAILABLE_TARGET = "127.0.0.3";
    /** Iterations run unless the caller says otherwise. */
    public static final int DEFAULT_ITERATIONS = 3;
    /** Time between the starts of two iterations. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    /** How long the loopback targets' TCP check waits. */
    static final Duration CHECK_TIMEOUT = Duration.ofMillis(200);
    /** The most reasons of each outcome listed in the report. */
    static final int MOST_FREQUENT_REASONS = 10;
    /** How many targets are visited at once. */
    static final int PARALLELISM = 3;

    private final @Nullable LoopbackListener listener;
    private final DemoProbes probeSet;
    private final Progress progress;
    private final Experiment experiment;
    private final PrintStream out;

    private DemoExperiment(@Nullable LoopbackListener listener, DemoProbes probeSet, Progress progress,
            Experiment experiment, PrintStream out) {
        this.listener = listener;
        this.probeSet = probeSet;
        this.progress = progress;
        this.experiment = experiment;
        this.out = out;
    }

    /**
     * Starts a configuration; the defaults are listed on the {@link Builder}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the experiment, ready to {@link Experiment#start() start} */
    public Experiment experiment() {
        return experiment;
    }

    /**
     * Prints what the demo is about to do: probes, targets, runner, schedule, availability check and
     * storage folder.
     */
    public void printIntroduction() {
        List<String> targets = experiment.targets().targets().stream().map(Target::name).toList();
        out.println("demo: probes " + experiment.probes().stream().map(Probe::name).toList() + " ("
                + probeSet.description() + ") on " + targets + " with the " + experiment.runner().name()
                + " runner, " + progress.planned + " iteration(s), one every " + INTERVAL.toSeconds() + " s");
        LoopbackListener tcp = listener;
        String availability = tcp != null
                ? "TCP port " + tcp.port() + " is open on 127.0.0.1 and 127.0.0.2 only, so " + UNAVAILABLE_TARGET
                        + " is unavailable"
                : experiment.availabilityCheck().toString();
        out.println("  availability: " + availability + "; probe '" + DemoProbes.BROKEN + "' fails on purpose");
        out.println("  storage: " + experiment.folder().toAbsolutePath().normalize());
    }

    /**
     * Prints how the run ended, the trace lines its iterations wrote (exactly as they are in the
     * trace files) and where the files are.
     *
     * @param completion what {@code run.await()} returned
     * @throws IOException if a trace file or the example output file cannot be read
     */
    public void printReport(Completion completion) throws IOException {
        Objects.requireNonNull(completion, "completion");
        int pairs = experiment.targets().size() * experiment.probes().size();
        out.println(String.format(Locale.ROOT, "demo ended after %d iteration(s) (%s) in %.1f s: %d of %d (target, probe)"
                + " pairs never succeeded", completion.iterations(), completion.reason(),
                completion.elapsed().toMillis() / 1000.0, completion.pairsNeverSucceeded(), pairs));
        progress.reasons.lines(MOST_FREQUENT_REASONS, "  ").forEach(out::println);
        if (progress.brokenFailed.get()) {
            out.println("  (probe '" + DemoProbes.BROKEN + "' fails on every target on purpose, to show what a failure"
                    + " looks like" + (listener != null ? ", and " + UNAVAILABLE_TARGET + " is unavailable on purpose"
                    : "") + ")");
        }
        Path folder = experiment.folder().toAbsolutePath().normalize();
        out.println("trace lines of this run, as written to " + folder.resolve("<probe>.trace") + ":");
        out.println("<iteration id>|<#succeeded>|<#failed>|<#unavailable>|<%succeeded>|<seconds>"
                + "|<succeeded list>|<failed list>|<unavailable list>|");
        for (Probe probe : experiment.probes()) {
            Path trace = ExperimentFolder.of(folder).traceFile(probe.name());
            out.println(trace.getFileName() + ":");
            if (Files.exists(trace)) {
                TraceReader.read(trace, line -> {
                    if (progress.iterationIds.contains(line.iterationId())) {
                        out.println(line.format());
                    }
                }, problem -> out.println("  skipped: " + problem));
            }
        }
        out.println("files:");
        out.println("  experiment folder: " + folder);
        Path example = ExperimentFolder.of(folder).stdoutFile(experiment.targets().targets().get(0),
                experiment.probes().get(0).name());
        if (Files.exists(example)) {
            out.println("  example stdout:    " + example + ", which starts with one header line per execution:");
            try (BufferedReader reader = Files.newBufferedReader(example, StandardCharsets.UTF_8)) {
                for (int i = 0; i < 2; i++) {
                    String line = reader.readLine();
                    if (line != null) {
                        out.println("    " + line);
                    }
                }
            }
        }
    }

    /** Closes the demo's TCP port, if it opened one, and joins its thread. */
    @Override
    public void close() {
        LoopbackListener tcp = listener;
        if (tcp != null) {
            tcp.close();
        }
    }

    @Override
    public String toString() {
        LoopbackListener tcp = listener;
        return "DemoExperiment[" + experiment.name() + ", " + experiment.runner().name() + " runner"
                + (tcp != null ? ", port " + tcp.port() : "") + "]";
    }

    /**
     * Configures the demo. Defaults: storage root {@code ddc-data}, name {@link #NAME},
     * {@link #DEFAULT_ITERATIONS} iterations, the {@link LocalRunner}, the {@link #LOOPBACK_TARGETS}
     * (only with the local runner; any other runner needs targets), the availability check described
     * on {@link DemoExperiment} for the loopback targets and the runner's own otherwise, and
     * {@code System.out}. Each setter checks its value; not thread-safe.
     */
    public static final class Builder {
        private Path storageRoot = Experiment.DEFAULT_STORAGE_ROOT;
        private String name = NAME;
        private int iterations = DEFAULT_ITERATIONS;
        private RemoteRunner runner = LocalRunner.create();
        private @Nullable TargetPool targets;
        private @Nullable AvailabilityCheck check;
        private PrintStream out = System.out;

        private Builder() {}

        /**
         * Sets where the demo writes.
         *
         * @param root the storage root; the demo writes under {@code <root>/<name>}
         * @return this builder
         */
        public Builder storageRoot(Path root) {
            this.storageRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * Sets the experiment's name, which is also its folder.
         *
         * @param experimentName the experiment's name and folder; checked by {@link #open()}
         * @return this builder
         */
        public Builder name(String experimentName) {
            this.name = Objects.requireNonNull(experimentName, "experimentName");
            return this;
        }

        /**
         * Sets how many iterations run.
         *
         * @param count how many iterations to run
         * @return this builder
         * @throws IllegalArgumentException if count is less than 1
         */
        public Builder iterations(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("iterations must be 1 or more, got " + count);
            }
            this.iterations = count;
            return this;
        }

        /**
         * Sets the runner; the probe set follows from it ({@link DemoProbes#forRunner}).
         *
         * @param remoteRunner how the probes reach the targets
         * @return this builder
         */
        public Builder runner(RemoteRunner remoteRunner) {
            this.runner = Objects.requireNonNull(remoteRunner, "remoteRunner");
            return this;
        }

        /**
         * Sets the targets.
         *
         * @param pool the targets, instead of the loopback targets
         * @return this builder
         */
        public Builder targets(TargetPool pool) {
            this.targets = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Sets the availability check.
         *
         * @param availabilityCheck replaces the demo's and the runner's check
         * @return this builder
         */
        public Builder availabilityCheck(AvailabilityCheck availabilityCheck) {
            this.check = Objects.requireNonNull(availabilityCheck, "availabilityCheck");
            return this;
        }

        /**
         * Sets where the demo prints.
         *
         * @param stream where progress, post-collector lines and the report are printed
         * @return this builder
         */
        public Builder out(PrintStream stream) {
            this.out = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /**
         * Defines the experiment and, for the loopback targets without another check, opens the
         * demo's TCP port; nothing runs until {@code experiment().start()}.
         *
         * @return the demo, to be closed after its run
         * @throws IllegalArgumentException if the name is not a valid experiment name (checked before
         *     anything is opened)
         * @throws IllegalStateException if no targets were given and the runner is not the local one
         * @throws IOException if no port could be opened on 127.0.0.1 and 127.0.0.2
         */
        public DemoExperiment open() throws IOException {
            Experiment.Builder builder = Experiment.builder(name);
            TargetPool pool = targets;
            if (pool == null && !(runner instanceof LocalRunner)) {
                throw new IllegalStateException("the " + runner.name() + " runner needs targets: the loopback"
                        + " targets are only for the local runner");
            }
            DemoProbes probeSet = DemoProbes.forRunner(runner);
            Progress progress = new Progress(iterations, out);
            @Nullable LoopbackListener listener = pool == null && check == null
                    ? LoopbackListener.open(LOOPBACK_TARGETS.subList(0, 2)) : null;
            try {
                probeSet.probes(out).forEach(builder::probe);
                if (check != null) {
                    builder.availabilityCheck(check);
                } else if (listener != null) {
                    builder.availabilityCheck(AvailabilityCheck.tcp(listener.port(), CHECK_TIMEOUT));
                }
                Experiment experiment = builder
                        .targets(pool != null ? pool : TargetPool.of(LOOPBACK_TARGETS))
                        .schedule(Schedule.periodic(INTERVAL).withMaxIterations(iterations))
                        .runner(runner)
                        .parallelism(PARALLELISM)
                        .storageRoot(storageRoot)
                        .listener(progress)
                        .build();
                return new DemoExperiment(listener, probeSet, progress, experiment, out);
            } catch (RuntimeException e) {
                if (listener != null) {
                    listener.close();
                }
                throw e;
            }
        }
    }

    /** Prints one line per iteration and remembers what the report needs. */
    private static final class Progress implements ExperimentListener {
        private final int planned;
        private final PrintStream out;
        private final AtomicInteger finished = new AtomicInteger();
        private final Set<Long> iterationIds = ConcurrentHashMap.newKeySet();
        private final ReasonTally reasons = new ReasonTally();
        /** True once the probe that fails on purpose has failed. */
        private final AtomicBoolean brokenFailed = new AtomicBoolean();

        Progress(int planned, PrintStream out) {
            this.planned = planned;
            this.out = out;
        }

        @Override
        public void executionFinished(ExecutionResult result) {
            reasons.executionFinished(result);
            if (result.outcome() == Outcome.FAILED && result.probe().equals(DemoProbes.BROKEN)) {
                brokenFailed.set(true);
            }
        }

        @Override
        public void iterationFinished(IterationSummary summary) {
            iterationIds.add(summary.iterationId());
            out.println(String.format(Locale.ROOT, "iteration %d of %d (id %d): %d succeeded, %d failed,"
                    + " %d unavailable in %.1f s", finished.incrementAndGet(), planned, summary.iterationId(),
                    summary.succeeded(), summary.failed(), summary.unavailable(), summary.elapsed().toMillis() / 1000.0));
        }
    }
}

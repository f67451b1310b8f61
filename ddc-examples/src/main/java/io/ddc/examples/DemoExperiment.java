package io.ddc.examples;

import io.ddc.Completion;
import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.Failure;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.core.TraceReader;
import io.ddc.spi.AvailabilityCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bundled demo: four harmless probes run with the {@link LocalRunner} over the loopback
 * targets {@code 127.0.0.1}, {@code 127.0.0.2} and {@code 127.0.0.3}, every
 * {@link #INTERVAL}, so that every outcome shows up in the trace lines.
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
 * <p>So some (target, probe) pairs never succeed, on purpose. The demo uses only the public API and
 * needs a Linux coordinator ({@code /proc/loadavg}, and 127.0.0.2 answering without configuration).
 *
 * <pre>{@code
 * try (DemoExperiment demo = DemoExperiment.open(Path.of("ddc-data"), "demo", 3, System.out);
 *         ExperimentRun run = demo.experiment().start()) {
 *     demo.printReport(run.await());
 * }
 * }</pre>
 *
 * <p>Thread-safe: progress lines, post-collector lines and the report are whole lines printed to the
 * one stream given to {@link #open}. Closing the demo closes its TCP port and joins its thread; close
 * it after the run has ended.
 */
public final class DemoExperiment implements AutoCloseable {
    /** The demo's name, also its default folder under the storage root. */
    public static final String NAME = "demo";
    /** One line for {@code ddc.jar list}. */
    public static final String DESCRIPTION = "4 harmless local probes on 3 loopback targets, every 2 s;"
            + " one target is unavailable and one probe fails on purpose";
    /** The targets, in visiting order. */
    public static final List<String> TARGETS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    /** The target that refuses the availability check. */
    public static final String UNAVAILABLE_TARGET = "127.0.0.3";
    /** Iterations run unless the caller says otherwise. */
    public static final int DEFAULT_ITERATIONS = 3;
    /** Time between the starts of two iterations. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(200);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final LoopbackListener listener;
    private final Progress progress;
    private final Experiment experiment;
    private final PrintStream out;

    private DemoExperiment(LoopbackListener listener, Progress progress, Experiment experiment, PrintStream out) {
        this.listener = listener;
        this.progress = progress;
        this.experiment = experiment;
        this.out = out;
    }

    /**
     * Opens the demo's TCP port and defines the experiment; nothing runs until
     * {@code experiment().start()}.
     *
     * @param storageRoot the storage root; the demo writes under {@code <storageRoot>/<name>}
     * @param name the experiment's name and folder, usually {@link #NAME}
     * @param iterations how many iterations to run, 1 or more
     * @param out where progress, post-collector lines and the report are printed
     * @return the demo, to be closed after its run
     * @throws IllegalArgumentException if the name is not a valid experiment name or iterations is
     *     less than 1 (checked before anything is opened)
     * @throws IOException if no port could be opened on 127.0.0.1 and 127.0.0.2
     */
    public static DemoExperiment open(Path storageRoot, String name, int iterations, PrintStream out)
            throws IOException {
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(out, "out");
        Experiment.Builder builder = Experiment.builder(name);
        Schedule schedule = Schedule.periodic(INTERVAL).withMaxIterations(iterations);
        LoopbackListener listener = LoopbackListener.open(TARGETS.subList(0, 2));
        try {
            Progress progress = new Progress(iterations, out);
            Experiment experiment = builder
                    .targets(TargetPool.of(TARGETS))
                    .probe(Probe.builder("os").command("uname", "-a").timeout(PROBE_TIMEOUT).build())
                    .probe(Probe.builder("load").command("cat", "/proc/loadavg").timeout(PROBE_TIMEOUT)
                            .postCollector("print-load", (result, context) -> printLoad(result, context, out))
                            .build())
                    .probe(Probe.builder("hello").command("sh", "-c", "echo \"hello from $DDC_TARGET\"")
                            .timeout(PROBE_TIMEOUT).build())
                    .probe(Probe.builder("broken").command("ls", "/nonexistent-ddc-demo").timeout(PROBE_TIMEOUT)
                            .build())
                    .schedule(schedule)
                    .runner(LocalRunner.create())
                    .availabilityCheck(AvailabilityCheck.tcp(listener.port(), CHECK_TIMEOUT))
                    .parallelism(3)
                    .storageRoot(storageRoot)
                    .listener(progress)
                    .build();
            return new DemoExperiment(listener, progress, experiment, out);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** A post-collector: prints the three load averages of {@code /proc/loadavg}. */
    private static void printLoad(ExecutionResult result, ExecutionContext context, PrintStream out) {
        if (!result.succeeded()) {
            return;
        }
        String[] fields = result.stdout().text().strip().split(" ");
        String averages = fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : String.join(" ", fields);
        out.println("  post-collector print-load: " + result.target() + " load averages " + averages
                + " (1, 5, 15 min), iteration " + context.iterationId());
    }

    /** @return the experiment, ready to {@link Experiment#start() start} */
    public Experiment experiment() {
        return experiment;
    }

    /** @return the TCP port open on 127.0.0.1 and 127.0.0.2 and closed on 127.0.0.3 */
    public int port() {
        return listener.port();
    }

    /**
     * Prints what the demo is about to do: probes, targets, schedule and storage folder.
     */
    public void printIntroduction() {
        out.println("demo: probes " + experiment.probes().stream().map(Probe::name).toList() + " on "
                + TARGETS + " with the local runner, " + progress.planned + " iteration(s), one every "
                + INTERVAL.toSeconds() + " s");
        out.println("  availability: TCP port " + port() + " is open on 127.0.0.1 and 127.0.0.2 only, so "
                + UNAVAILABLE_TARGET + " is unavailable; probe 'broken' fails on purpose");
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
        int pairs = TARGETS.size() * experiment.probes().size();
        out.println(String.format(Locale.ROOT, "demo ended after %d iteration(s) (%s) in %.1f s: %d of %d (target, probe)"
                + " pairs never succeeded", completion.iterations(), completion.reason(),
                completion.elapsed().toMillis() / 1000.0, completion.pairsNeverSucceeded(), pairs));
        progress.unavailable.forEach((target, reason) -> out.println("  unavailable: " + target + " (" + reason + ")"));
        progress.failed.forEach((failure, targets) -> out.println("  failed: " + failure + " on "
                + String.join(", ", targets)));
        Path folder = experiment.folder().toAbsolutePath().normalize();
        out.println("trace lines of this run, as written to " + folder.resolve("<probe>.trace") + ":");
        out.println("<iteration id>|<#succeeded>|<#failed>|<#unavailable>|<%succeeded>|<seconds>"
                + "|<succeeded list>|<failed list>|<unavailable list>|");
        for (Probe probe : experiment.probes()) {
            Path trace = folder.resolve(probe.name() + ".trace");
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
        Path example = folder.resolve(TARGETS.get(0)).resolve(experiment.probes().get(0).name() + ".stdout");
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

    /** Closes the demo's TCP port and joins its thread. */
    @Override
    public void close() {
        listener.close();
    }

    /** @return the thread that accepts the availability checks' connections, for tests */
    Thread listenerThread() {
        return listener.thread();
    }

    @Override
    public String toString() {
        return "DemoExperiment[" + experiment.name() + ", port " + port() + "]";
    }

    /** Prints one line per iteration and remembers what the report needs. */
    private static final class Progress implements ExperimentListener {
        private final int planned;
        private final PrintStream out;
        private final AtomicInteger finished = new AtomicInteger();
        private final Set<Long> iterationIds = ConcurrentHashMap.newKeySet();
        private final Map<String, String> unavailable = new ConcurrentSkipListMap<>();
        /** "probe P (reason)" to the targets where P failed for that reason. */
        private final Map<String, Set<String>> failed = new ConcurrentSkipListMap<>();

        Progress(int planned, PrintStream out) {
            this.planned = planned;
            this.out = out;
        }

        @Override
        public void executionFinished(ExecutionResult result) {
            String reason = result.failure().map(Failure::message).orElse("");
            if (result.outcome() == Outcome.UNAVAILABLE) {
                unavailable.putIfAbsent(result.target().name(), reason);
            } else if (result.outcome() == Outcome.FAILED) {
                failed.computeIfAbsent("probe " + result.probe() + " (" + reason + ")",
                        key -> new ConcurrentSkipListSet<>()).add(result.target().name());
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

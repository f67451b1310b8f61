package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.parsers.CsvParser;
import io.ddc.parsers.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code ddc run resource-monitor}: the paper's monitoring experiment. Every {@link #INTERVAL} one
 * probe, {@value #PROBE}, samples each target's CPU load, memory, free disk space, uptime and
 * logged-on users, with the commands of {@link LinuxResources} (local runner) or
 * {@link WindowsResources} (PsExec), and its post-collector keeps two CSV files in the target's
 * folder:
 *
 * <ul>
 *   <li>{@value #FIGURES_FILE}, one row per iteration: {@code iteration,time_utc,load_1m,cpu_percent,
 *       memory_available_kib,disk_free_kib,uptime_s,users};</li>
 *   <li>{@value #FACTS_FILE}, the static facts ({@code iteration,time_utc,os,os_version,cpu_model,
 *       logical_cpus,memory_total_kib}), written at the first successful execution, as the paper's
 *       probe did, and again only when one of them changes (an upgrade, more memory).</li>
 * </ul>
 *
 * <p>{@link ResourceSample} says what each column holds. An output the collector does not understand
 * writes no row and prints one line that says why. With the local runner and no targets given, the
 * target is {@code localhost}, that is the coordinator itself. Immutable.
 */
public final class ResourceMonitor implements BundledExperiment {
    /** The probe's name. */
    static final String PROBE = "resources";
    /** The per-iteration CSV file in each target's folder. */
    public static final String FIGURES_FILE = "resource-monitor.csv";
    /** The static facts' CSV file in each target's folder. */
    static final String FACTS_FILE = "resource-facts.csv";
    /** Time between two samples unless {@code --interval} says otherwise. */
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final CsvParser CSV = CsvParser.builder().header(true).build();

    @Override
    public String name() {
        return "resource-monitor";
    }

    @Override
    public String description() {
        return "CPU load, memory, free disk, uptime and logged-on users of each target every 5 min,"
                + " one CSV per target";
    }

    @Override
    public Schedule defaultSchedule() {
        return Schedule.periodic(INTERVAL);
    }

    /** A few machines at once: each PsExec visit takes seconds. */
    @Override
    public int defaultParallelism() {
        return 4;
    }

    @Override
    public List<Probe> probes(Setup setup) {
        boolean windows = setup.windowsTargets();
        Probe.Builder probe = Probe.builder(PROBE);
        if (windows) {
            probe.command(WindowsResources.command()).timeout(Duration.ofMinutes(2));
        } else {
            probe.command("sh", "-c", LinuxResources.SCRIPT).timeout(Duration.ofSeconds(30));
        }
        return List.of(probe.postCollector("resource-csv", collector(windows, setup.out())).build());
    }

    /** The coordinator itself, for the local runner only: other runners reach real machines. */
    @Override
    public Optional<TargetPool> defaultTargets(Setup setup) {
        return setup.runner() instanceof LocalRunner ? Optional.of(TargetPool.of("localhost")) : Optional.empty();
    }

    /**
     * The post-collector: parses a successful execution's output and appends to the CSV files.
     *
     * @param windows true to read the Windows command's output
     * @param out where a line is printed for an output that is not understood
     * @return the collector
     */
    static PostCollector collector(boolean windows, PrintStream out) {
        return (ExecutionResult result, ExecutionContext context) -> {
            if (!result.succeeded()) {
                return;
            }
            ResourceSample sample;
            try {
                String text = result.stdout().text();
                sample = windows ? WindowsResources.parse(text) : LinuxResources.parse(text);
            } catch (IllegalArgumentException e) {
                out.println("resource-monitor " + result.target() + ": output not understood, no row written: "
                        + e.getMessage());
                return;
            }
            long iteration = context.iterationId();
            Path folder = context.targetFolder();
            CsvFile.append(folder.resolve(FIGURES_FILE), ResourceSample.FIGURES_HEADER,
                    List.of(sample.figuresRow(iteration)));
            Path facts = folder.resolve(FACTS_FILE);
            // compared as written, so that a cell the CSV file had to change compares equal
            if (!lastFacts(facts).map(CsvFile::line).equals(Optional.of(CsvFile.line(sample.facts())))) {
                CsvFile.append(facts, ResourceSample.FACTS_HEADER, List.of(sample.factsRow(iteration)));
            }
        };
    }

    /** The facts of the file's last row, read again each time so that a restart keeps them. */
    private static Optional<List<String>> lastFacts(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<Row> rows = CSV.parse(new String(Files.readAllBytes(file), UTF_8)).rows();
        if (rows.isEmpty() || rows.get(rows.size() - 1).size() != ResourceSample.FACTS_HEADER.size()) {
            return Optional.empty();
        }
        List<String> last = rows.get(rows.size() - 1);
        return Optional.of(List.copyOf(last.subList(2, last.size())));
    }

    @Override
    public String toString() {
        return "ResourceMonitor";
    }
}

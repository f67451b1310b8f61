package io.ddc.report;

import io.ddc.files.ExperimentFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The availability report of an experiment folder, from its trace files and the headers of its
 * stored records: executions by probe, the most frequent reasons of failure and unavailability,
 * each target's availability and success, availability by hour of day (the paper's Table 1), and
 * each probe's iterations. Rendered as plain text or as one self-contained HTML page with inline
 * SVG charts (nothing loaded from the network). {@link #DEFINITIONS} defines every figure.
 * Immutable and thread-safe once read.
 *
 * <pre>{@code
 * ExperimentReport report = ExperimentReport.read(Path.of("ddc-data/lab"), ZoneId.of("Europe/Lisbon"),
 *         problem -> System.err.println("warning: " + problem));
 * report.text(false).forEach(System.out::println);
 * Files.writeString(Path.of("lab.html"), report.html(false));
 * }</pre>
 */
public final class ExperimentReport {
    /** Above this many iterations, a probe's iteration table is left out unless asked for. */
    public static final int MAX_ITERATIONS_LISTED = ReportLayout.MAX_ITERATIONS_LISTED;
    /** The definitions of the report's figures: pairs of a term and its meaning. */
    public static final List<List<String>> DEFINITIONS = ReportLayout.DEFINITIONS;

    private final Report report;

    private ExperimentReport(Report report) {
        this.report = report;
    }

    /**
     * Reads an experiment folder: every {@code <probe>.trace} file, and the record headers of every
     * {@code <target>/<probe>.stdout} it holds (a folder with trace files only, as a mail report
     * delivers them, reads too, without the reasons). Damaged lines and records are reported, not
     * thrown.
     *
     * @param folder the experiment folder, such as {@code ddc-data/lab}
     * @param zone the time zone of the hours of day
     * @param problems receives one message per damaged trace line or output file
     * @return the report; one without probes if the folder has no trace file
     * @throws IOException if a file cannot be read
     */
    public static ExperimentReport read(Path folder, ZoneId zone, Consumer<String> problems) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(problems, "problems");
        ExperimentFolder layout = ExperimentFolder.of(folder);
        ReportBuilder builder = new ReportBuilder(folder.toString(), zone);
        List<Path> traceFiles = layout.traceFiles();
        for (Path traceFile : traceFiles) {
            builder.readTraceFile(traceFile, problems);
        }
        List<Path> targetFolders = layout.targetFolders();
        for (String probe : layout.probes()) {
            for (Path targetFolder : targetFolders) {
                Path stdout = ExperimentFolder.stdoutFileIn(targetFolder, probe);
                if (Files.isRegularFile(stdout)) {
                    builder.readOutputFile(probe, String.valueOf(targetFolder.getFileName()), stdout, problems);
                }
            }
        }
        return new ExperimentReport(builder.build());
    }

    /** @return the names of the probes, one per trace file, sorted */
    public List<String> probes() {
        return report.probes().stream().map(Report.Probe::name).toList();
    }

    /**
     * Renders the report as text: an introduction, then each table with its title, columns
     * separated by two spaces, numbers aligned right.
     *
     * @param everyIteration list every iteration, also for a probe with more than
     *     {@link #MAX_ITERATIONS_LISTED} (a summary is always given)
     * @return the lines, without line terminators
     */
    public List<String> text(boolean everyIteration) {
        return ReportText.render(report, everyIteration);
    }

    /**
     * Renders the report as one self-contained HTML page, with the same tables as {@link #text}
     * and SVG charts.
     *
     * @param everyIteration as for {@link #text}
     * @return the page
     */
    public String html(boolean everyIteration) {
        return ReportHtml.render(report, everyIteration);
    }

    /** For the tests of this package. */
    Report model() {
        return report;
    }

    @Override
    public String toString() {
        return "ExperimentReport[" + report.folder() + ", " + report.probes().size() + " probes]";
    }
}

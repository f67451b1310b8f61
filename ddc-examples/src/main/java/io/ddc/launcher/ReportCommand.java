package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ddc.core.IoProblems;
import io.ddc.files.ExperimentFolder;
import io.ddc.report.ExperimentReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddc report DIR [--html FILE] [--zone ZONE] [--iterations]}: reads only the trace files of
 * an experiment folder and prints what they say about availability ({@link Report} has the
 * definitions), as text and optionally as a self-contained HTML page. The folder and every option
 * are checked before a trace file is read; damaged trace lines are warnings on the error stream,
 * and the report is printed all the same.
 */
@Command(name = "report", sortOptions = false,
        description = {"Reports availability from an experiment folder's trace files.",
            "Reads DIR/*.trace, one file per probe, and prints for each probe and for all probes together:"
                + " the counts of each iteration, the availability and success of each target over the period,"
                + " and availability by hour of day; with --html, also a self-contained HTML page with charts.",
            "Reads the headers of the stored records (DIR/<target>/<probe>.stdout), where there are any, for the"
                + " most frequent reasons why executions failed or targets were unavailable.",
            "Damaged trace lines are reported as warnings, and the report is printed all the same."},
        footer = {"", "Exit codes: 0 the report is printed, 2 bad usage (the message names the offending value) or a"
                + " file that cannot be read or written."})
final class ReportCommand implements Callable<Integer> {
    /** Picocli's default usage width: the definitions are wrapped by hand to keep a hanging indent. */
    private static final int HELP_WIDTH = 80;
    private static final int TERM_WIDTH = 16;

    private final PrintStream out;
    private final PrintStream err;

    private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the experiment folder, such as ddc-data/demo")
    private @Nullable Path folder;

    @Option(names = "--html", paramLabel = "FILE", order = 1,
            description = "also write the report as one self-contained HTML page with SVG charts (nothing"
                    + " loaded from the network) to FILE, replacing it; its folder must exist")
    private @Nullable Path html;

    @Option(names = "--zone", paramLabel = "ZONE", order = 2,
            description = "time zone of the hours of day: a region such as Europe/Lisbon, or an offset"
                    + " such as +01:00 (default: ${DEFAULT-VALUE})")
    private String zone = "UTC";

    @Option(names = "--iterations", order = 3,
            description = "list every iteration, also when a probe has more than "
                    + ExperimentReport.MAX_ITERATIONS_LISTED + " (a summary is always printed)")
    private boolean everyIteration;

    /**
     * Creates the command; picocli fills in its options.
     *
     * @param out where the report goes
     * @param err where warnings and run-time errors go
     */
    ReportCommand(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Called by picocli with the command's model: keeps it, and puts the definitions of the figures
     * in the help, before the exit codes.
     *
     * @param spec the model of this command
     */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        List<String> footer = new ArrayList<>(List.of("", "Definitions:"));
        for (List<String> definition : ExperimentReport.DEFINITIONS) {
            footer.addAll(definitionLines(definition.get(0), definition.get(1)));
        }
        footer.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    /** @return the term and its wrapped meaning, with '%' escaped for picocli's formatting */
    private static List<String> definitionLines(String term, String meaning) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(TERM_WIDTH + 2);
        StringBuilder line = new StringBuilder("  ").append(term);
        line.append(" ".repeat(Math.max(1, TERM_WIDTH + 2 - line.length())));
        boolean first = true;
        for (String word : meaning.split(" ")) {
            if (!first && line.length() + 1 + word.length() >= HELP_WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                first = true;
            }
            line.append(first ? "" : " ").append(word);
            first = false;
        }
        lines.add(line.toString());
        return lines.stream().map(text -> text.replace("%", "%%")).toList();
    }

    @Override
    public Integer call() {
        Path dir = Objects.requireNonNull(folder, "folder");
        ZoneId zoneId = zone();
        if (!Files.exists(dir)) {
            throw usageError("DIR " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw usageError("DIR " + dir + " is not a folder");
        }
        Path page = html;
        if (page != null) {
            checkHtml(page);
        }
        List<Path> traceFiles;
        try {
            traceFiles = ExperimentFolder.of(dir).traceFiles();
        } catch (IOException e) {
            err.println("ddc report: cannot read the folder " + dir + ": " + IoProblems.describe(e));
            return ExitCodes.CONFIGURATION;
        }
        if (traceFiles.isEmpty()) {
            throw usageError("DIR " + dir + " has no trace files (*.trace): give an experiment folder,"
                    + " such as ddc-data/demo");
        }
        if (page != null) {
            for (Path traceFile : traceFiles) {
                if (page.toAbsolutePath().normalize().equals(traceFile.toAbsolutePath().normalize())) {
                    throw usageError("--html " + page + " would replace the trace file " + traceFile);
                }
            }
        }
        ExperimentReport report;
        try {
            report = ExperimentReport.read(dir, zoneId, problem -> err.println("warning: " + problem));
        } catch (IOException e) {
            err.println("ddc report: cannot read " + dir + ": " + IoProblems.describe(e));
            return ExitCodes.CONFIGURATION;
        }
        report.text(everyIteration).forEach(out::println);
        if (page != null) {
            try {
                Files.writeString(page, report.html(everyIteration), UTF_8);
            } catch (IOException e) {
                err.println("ddc report: cannot write --html " + page + ": " + IoProblems.describe(e));
                return ExitCodes.CONFIGURATION;
            }
            out.println();
            out.println("HTML page: " + page.toAbsolutePath().normalize());
        }
        return ExitCodes.DONE;
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw usageError("Invalid value for option '--zone': unknown time zone '" + zone + "': give a region"
                    + " such as Europe/Lisbon, UTC, or an offset such as +01:00");
        }
    }

    private void checkHtml(Path page) {
        if (Files.isDirectory(page)) {
            throw usageError("--html " + page + " is a folder: give the file to write");
        }
        Path parent = page.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw usageError("--html " + page + ": " + (Files.exists(parent) ? parent + " is not a folder"
                    : "the folder " + parent + " does not exist"));
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(spec, "spec").commandLine(), message);
    }
}

package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.HandMadeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddc report} on hand-made experiment folders, whose figures were worked out by hand, and on
 * the demo's folder.
 */
final class ReportCommandTest {
    /** An iteration of the demo's probe 'broken': it fails on two targets, the third is unavailable. */
    private static final Pattern ITERATION_OF_BROKEN = Pattern.compile("\\d{10}  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
            + "          0       2            1          0\\.0 +\\d+\\.\\d");

    @TempDir
    Path temp;

    @Test
    void handMadeFolder_printsTheExactFigures_byHourInTheGivenZone() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");
        // another file is not a trace file, and is not read
        Files.writeString(lab.resolve("notes.txt"), "1719820800|9|9|9|", UTF_8);

        Cli.Run run = Cli.run("report", lab.toString(), "--zone", "Europe/Lisbon");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        // in July, Lisbon is one hour ahead of UTC
        assertThat(run.outLines()).containsExactly(
                "DDC report of " + lab,
                "probes: cpu, disk.free-1; targets: 4; iterations: 4, from 2024-07-01T08:00:00Z to 2024-07-01T22:00:00Z",
                "",
                "Executions by probe",
                "probe        iterations  executions  succeeded  failed  unavailable  % available  % succeeded",
                "cpu                   4          12          6       2            4         66.7         50.0",
                "disk.free-1           3          10          3       2            5         50.0         30.0",
                "all probes            4          22          9       4            9         59.1         40.9",
                "",
                "Why executions failed or targets were unavailable",
                "no stored records: the reasons are in the headers of <target>/<probe>.stdout, which this folder does"
                        + " not hold",
                "",
                "All probes: targets",
                "target  iterations  available  % available  succeeded  failed  unavailable  % succeeded",
                "m1               4          4        100.0          5       2            0         71.4",
                "m2               4          2         50.0          2       1            4         28.6",
                "m3               1          1        100.0          1       0            0        100.0",
                "m10              4          2         50.0          1       1            5         14.3",
                "",
                "All probes: availability by hour of day (Europe/Lisbon)",
                "hour  iterations  % available  % succeeded",
                "09             2         66.7         33.3",
                "12             1        100.0        100.0",
                "23             1         50.0         28.6",
                "no iterations in the other hours",
                "",
                "Probe cpu: iterations",
                " iteration  start (UTC)           succeeded  failed  unavailable  % succeeded  seconds",
                "1719820800  2024-07-01T08:00:00Z          2       1            0         66.7     12.5",
                "1719822600  2024-07-01T08:30:00Z          1       0            2         33.3     30.0",
                "1719831600  2024-07-01T11:00:00Z          3       0            0        100.0      8.0",
                "1719871200  2024-07-01T22:00:00Z          0       1            2          0.0      4.4",
                "",
                "Probe cpu: summary of 4 iterations, from 1719820800 (2024-07-01T08:00:00Z) to 1719871200 (2024-07-01T22:00:00Z)",
                "per iteration  mean  min    max",
                "succeeded       1.5    0      3",
                "failed          0.5    0      1",
                "unavailable     1.0    0      2",
                "% succeeded    50.0  0.0  100.0",
                "seconds        13.7  4.4   30.0",
                "",
                "Probe cpu: targets",
                "target  iterations  available  % available  succeeded  failed  unavailable  % succeeded",
                "m1               4          4        100.0          3       1            0         75.0",
                "m2               4          2         50.0          2       0            2         50.0",
                "m10              4          2         50.0          1       1            2         25.0",
                "",
                "Probe cpu: availability by hour of day (Europe/Lisbon)",
                "hour  iterations  % available  % succeeded",
                "09             2         66.7         50.0",
                "12             1        100.0        100.0",
                "23             1         33.3          0.0",
                "no iterations in the other hours",
                "",
                "Probe disk.free-1: iterations",
                " iteration  start (UTC)           succeeded  failed  unavailable  % succeeded  seconds",
                "1719820800  2024-07-01T08:00:00Z          1       1            1         33.3      2.0",
                "1719822600  2024-07-01T08:30:00Z          0       1            2          0.0      1.0",
                "1719871200  2024-07-01T22:00:00Z          2       0            2         50.0      0.5",
                "",
                "Probe disk.free-1: summary of 3 iterations, from 1719820800 (2024-07-01T08:00:00Z) to 1719871200 (2024-07-01T22:00:00Z)",
                "per iteration  mean  min   max",
                "succeeded       1.0    0     2",
                "failed          0.7    0     1",
                "unavailable     1.7    1     2",
                "% succeeded    27.8  0.0  50.0",
                "seconds         1.2  0.5   2.0",
                "",
                "Probe disk.free-1: targets",
                "target  iterations  available  % available  succeeded  failed  unavailable  % succeeded",
                "m1               3          3        100.0          2       1            0         66.7",
                "m2               3          1         33.3          0       1            2          0.0",
                "m3               1          1        100.0          1       0            0        100.0",
                "m10              3          0          0.0          0       0            3          0.0",
                "",
                "Probe disk.free-1: availability by hour of day (Europe/Lisbon)",
                "hour  iterations  % available  % succeeded",
                "09             2         50.0         16.7",
                "23             1         50.0         50.0",
                "no iterations in the other hours");
    }

    @Test
    void byHourOfDay_inUtcByDefault() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");

        Cli.Run run = Cli.run("report", lab.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(section(run.outLines(), "All probes: availability by hour of day (UTC)")).containsExactly(
                "hour  iterations  % available  % succeeded",
                "08             2         66.7         33.3",
                "11             1        100.0        100.0",
                "22             1         50.0         28.6",
                "no iterations in the other hours");
    }

    @Test
    void byHourOfDay_inAZoneWithAHalfHourOffset_splitsIterationsThatShareAnHourInUtc() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");

        Cli.Run run = Cli.run("report", lab.toString(), "--zone", "Asia/Kolkata");

        assertThat(run.exitCode()).isZero();
        // UTC+05:30: 08:00Z is 13:30, 08:30Z is 14:00, 11:00Z is 16:30 and 22:00Z is 03:30 the next day
        assertThat(section(run.outLines(), "All probes: availability by hour of day (Asia/Kolkata)")).containsExactly(
                "hour  iterations  % available  % succeeded",
                "03             1         50.0         28.6",
                "13             1        100.0         50.0",
                "14             1         33.3         16.7",
                "16             1        100.0        100.0",
                "no iterations in the other hours");
        assertThat(section(run.outLines(), "Probe cpu: availability by hour of day (Asia/Kolkata)")).containsExactly(
                "hour  iterations  % available  % succeeded",
                "03             1         33.3          0.0",
                "13             1        100.0         66.7",
                "14             1         33.3         33.3",
                "16             1        100.0        100.0",
                "no iterations in the other hours");
    }

    @Test
    void damagedLines_areWarningsNamingFileAndLine_andTheReportCountsTheOthers() throws IOException {
        Path lab = Files.createDirectory(temp.resolve("lab"));
        List<String> cpu = new ArrayList<>(HandMadeLab.CPU);
        cpu.add(2, "1719825000|5|0|0|100.0|1.0|m1,| | |");
        HandMadeLab.write(lab.resolve("cpu.trace"), cpu);
        // a crash in the middle of a write leaves a last line without its newline
        Files.writeString(lab.resolve("disk.free-1.trace"), String.join("\n", HandMadeLab.DISK) + "\n17198", UTF_8);

        Cli.Run run = Cli.run("report", lab.toString(), "--zone", "Europe/Lisbon");

        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).containsExactly(
                "warning: " + lab.resolve("cpu.trace") + " line 3: trace line counts 5 succeeded but lists 1",
                "warning: " + lab.resolve("disk.free-1.trace") + " line 4: partial last line of 5 characters"
                        + " (an interrupted write) skipped");
        Path clean = HandMadeLab.folder(temp, "clean");
        List<String> expected = Cli.run("report", clean.toString(), "--zone", "Europe/Lisbon").outLines();
        assertThat(run.outLines().subList(1, run.outLines().size())).isEqualTo(expected.subList(1, expected.size()));
    }

    @Test
    void moreThan50Iterations_printsTheSummaryOnly_unlessIterationsIsGiven() throws IOException {
        Path lab = Files.createDirectory(temp.resolve("lab"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            lines.add((1719792000 + 60 * i) + "|1|0|1|50.0|" + (i % 10) + ".5|m1,| |m2,|");
        }
        HandMadeLab.write(lab.resolve("load.trace"), lines);

        Cli.Run summaryOnly = Cli.run("report", lab.toString());
        Cli.Run everyIteration = Cli.run("report", lab.toString(), "--iterations");

        assertThat(summaryOnly.exitCode()).isZero();
        assertThat(section(summaryOnly.outLines(), "Probe load: iterations")).containsExactly(
                "51 iterations, more than 50: the summary follows; --iterations lists each one");
        assertThat(section(summaryOnly.outLines(), "Probe load: summary of 51 iterations, from 1719792000"
                + " (2024-07-01T00:00:00Z) to 1719795000 (2024-07-01T00:50:00Z)")).containsExactly(
                "per iteration  mean   min   max",
                "succeeded       1.0     1     1",
                "failed          0.0     0     0",
                "unavailable     1.0     1     1",
                "% succeeded    50.0  50.0  50.0",
                // (5 × (0.5 + 1.5 + ... + 9.5) + 0.5) / 51 = 250.5 / 51 = 4.91...
                "seconds         4.9   0.5   9.5");
        List<String> table = section(everyIteration.outLines(), "Probe load: iterations");
        assertThat(table).hasSize(52);
        assertThat(table.get(1)).isEqualTo("1719792000  2024-07-01T00:00:00Z          1       0            1"
                + "         50.0      0.5");
        assertThat(table.get(51)).isEqualTo("1719795000  2024-07-01T00:50:00Z          1       0            1"
                + "         50.0      0.5");
    }

    @Test
    void anEmptyTraceFile_isAProbeWithoutIterations() throws IOException {
        Path lab = Files.createDirectory(temp.resolve("lab"));
        Files.createFile(lab.resolve("x.trace"));

        Cli.Run run = Cli.run("report", lab.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(
                "DDC report of " + lab,
                "probes: x; targets: 0; iterations: 0",
                "",
                "Executions by probe",
                "probe  iterations  executions  succeeded  failed  unavailable  % available  % succeeded",
                "x               0           0          0       0            0            -            -",
                "",
                "Why executions failed or targets were unavailable",
                "no stored records: the reasons are in the headers of <target>/<probe>.stdout, which this folder does"
                        + " not hold",
                "",
                "Probe x: iterations",
                "no iterations: the trace file has no well-formed line",
                "",
                "Probe x: targets",
                "no targets",
                "",
                "Probe x: availability by hour of day (UTC)",
                "no iterations");
    }

    @Test
    void theDemosFolder_printsTheTable() throws IOException, InterruptedException {
        Cli.Run demo = Cli.run("demo", "--out", temp.toString(), "--iterations", "2");
        assertThat(demo.exitCode()).isZero();

        Cli.Run run = Cli.run("report", temp.resolve("demo").toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines().get(1)).matches(
                "probes: broken, hello, load, os; targets: 3; iterations: 2, from \\S+Z to \\S+Z");
        // 127.0.0.3 is unavailable and 'broken' fails: the demo's figures do not depend on the run
        assertThat(section(run.outLines(), "Executions by probe")).containsExactly(
                "probe       iterations  executions  succeeded  failed  unavailable  % available  % succeeded",
                "broken               2           6          0       4            2         66.7          0.0",
                "hello                2           6          4       0            2         66.7         66.7",
                "load                 2           6          4       0            2         66.7         66.7",
                "os                   2           6          4       0            2         66.7         66.7",
                "all probes           2          24         12       4            8         66.7         50.0");
        // the reasons come from the stored records' headers (regression: only the launcher's DEBUG log had them)
        assertThat(section(run.outLines(), "Why executions failed or targets were unavailable")).satisfiesExactly(
                header -> assertThat(header).isEqualTo("probe   outcome      results  targets  reason"),
                line -> assertThat(line).matches("broken  unavailable        2        1  TCP port \\d+ refused the"
                        + " connection"),
                line -> assertThat(line).isEqualTo("broken  failed             4        2  exit code 2 is not accepted"
                        + " (accepted: 0)"),
                line -> assertThat(line).matches("hello   unavailable        2        1  TCP port \\d+ refused the"
                        + " connection"),
                line -> assertThat(line).matches("load    unavailable        2        1  TCP port \\d+ refused the"
                        + " connection"),
                line -> assertThat(line).matches("os      unavailable        2        1  TCP port \\d+ refused the"
                        + " connection"),
                note -> assertThat(note).isEqualTo("the 5 most frequent of each probe, from the headers of 24 stored"
                        + " records"));
        assertThat(section(run.outLines(), "All probes: targets")).containsExactly(
                "target     iterations  available  % available  succeeded  failed  unavailable  % succeeded",
                "127.0.0.1           2          2        100.0          6       2            0         75.0",
                "127.0.0.2           2          2        100.0          6       2            0         75.0",
                "127.0.0.3           2          0          0.0          0       0            8          0.0");
        List<String> iterations = section(run.outLines(), "Probe broken: iterations");
        assertThat(iterations).hasSize(3);
        assertThat(iterations.subList(1, 3)).allMatch(line -> ITERATION_OF_BROKEN.matcher(line).matches());
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void help_definesTheFigures() {
        Cli.Run run = Cli.run("report", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).startsWith("Usage: ddc report [-hV] [--iterations] [--html=FILE] [--zone=ZONE] DIR")
                .contains("      DIR            the experiment folder, such as ddc-data/demo",
                        "Definitions:",
                        "  % succeeded     100 * succeeded / executions, as the trace lines' %succeeded",
                        "  % available     of executions: 100 * (succeeded + failed) / executions; of a",
                        "                  target: 100 * iterations in which it was available /",
                        "                  iterations in which it appears",
                        "  by hour of day  the iterations whose start (the iteration id) falls in that",
                        "Exit codes: 0 the report is printed, 2 bad usage (the message names the");
    }

    @Test
    void help_ofTheLauncher_listsReport() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.outLines()).contains("  report  Reports availability from an experiment folder's trace files.");
    }

    @Test
    void missingDir() {
        assertUsageError(Cli.run("report"), "Missing required parameter: 'DIR'");
    }

    @Test
    void dirThatDoesNotExist() {
        Path missing = temp.resolve("nope");

        assertUsageError(Cli.run("report", missing.toString()), "DIR " + missing + " does not exist");
    }

    @Test
    void dirThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("cpu.trace"), HandMadeLab.CPU.get(0) + "\n", UTF_8);

        assertUsageError(Cli.run("report", file.toString()), "DIR " + file + " is not a folder");
    }

    @Test
    void dirWithoutTraceFiles() throws IOException {
        Files.writeString(temp.resolve("notes.txt"), "x", UTF_8);
        // a folder whose name ends with .trace is not a trace file
        Files.createDirectory(temp.resolve("old.trace"));

        assertUsageError(Cli.run("report", temp.toString()), "DIR " + temp + " has no trace files (*.trace):"
                + " give an experiment folder, such as ddc-data/demo");
    }

    @Test
    void unknownZone() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");

        assertUsageError(Cli.run("report", lab.toString(), "--zone", "Mars/Olympus_Mons"),
                "Invalid value for option '--zone': unknown time zone 'Mars/Olympus_Mons': give a region such as"
                        + " Europe/Lisbon, UTC, or an offset such as +01:00");
    }

    @Test
    void htmlInAFolderThatDoesNotExist_isRefusedBeforeAnythingIsPrinted() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");
        Path page = temp.resolve("missing").resolve("report.html");

        assertUsageError(Cli.run("report", lab.toString(), "--html", page.toString()),
                "--html " + page + ": the folder " + temp.resolve("missing") + " does not exist");
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void htmlThatIsAFolder() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");

        assertUsageError(Cli.run("report", lab.toString(), "--html", temp.toString()),
                "--html " + temp + " is a folder: give the file to write");
    }

    @Test
    void htmlThatIsATraceFile_isRefused_andTheTraceFileKept() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");
        Path trace = lab.resolve("cpu.trace");

        assertUsageError(Cli.run("report", lab.toString(), "--html", trace.toString()),
                "--html " + trace + " would replace the trace file " + trace);
        assertThat(Files.readAllLines(trace, UTF_8)).isEqualTo(HandMadeLab.CPU);
    }

    @Test
    void unknownOption() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");

        Cli.Run run = Cli.run("report", lab.toString(), "--hmtl", "x.html");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Unknown options: '--hmtl', 'x.html'",
                "Try 'ddc report --help' for more information.");
    }

    private static void assertUsageError(Cli.Run run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc report --help' for more information.");
    }

    /** The lines after {@code title}, up to the next blank line. */
    static List<String> section(List<String> lines, String title) {
        int start = lines.indexOf(title);
        assertThat(start).as(title).isNotNegative();
        List<String> section = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            section.add(lines.get(i));
        }
        return section;
    }

    @Test
    void htmlInsideAFile_isRefusedBeforeAnythingIsPrinted() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");
        Path blocker = Files.writeString(temp.resolve("blocker"), "x", UTF_8);
        Path page = blocker.resolve("report.html");

        Cli.Run run = Cli.run("report", lab.toString(), "--html", page.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("--html " + page + ": " + blocker + " is not a folder",
                "Try 'ddc report --help' for more information.");
    }

    @Test
    void html_writesThePage_andSaysWhere() throws IOException {
        Path lab = HandMadeLab.folder(temp, "lab");
        Path page = temp.resolve("report.html");

        Cli.Run run = Cli.run("report", lab.toString(), "--html", page.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).endsWith("", "HTML page: " + page.toAbsolutePath().normalize());
        assertThat(Files.readString(page, UTF_8)).startsWith("<!DOCTYPE html>");
    }
}

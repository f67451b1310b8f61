package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.launcher.Cli;
import io.ddc.testing.SharedFixtures;
import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.core.LocalRunner;
import io.ddc.psexec.PsExecRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smart-check}: its probes, its post-collector, and real runs with a smartctl double. */
final class SmartCheckTest {
    private static final String UNREADABLE = "Smartctl open device: /dev/sdb failed: Permission denied\n";
    private static final String CANNOT_OPEN = "2 (bit 1: the device could not be opened, did not identify itself or is"
            + " in a low-power mode)";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, UTF_8);

    /** What the probe prints for these disks: {@code {spec, output, exit status}}. */
    private static String probeOutput(String[]... disks) {
        StringBuilder text = new StringBuilder();
        for (String[] disk : disks) {
            text.append("@@ddc disk ").append(disk[0]).append('\n').append(disk[1]).append("\n@@ddc exit ")
                    .append(disk[2]).append('\n');
        }
        return text.toString();
    }

    private static ExecutionResult result(String target, long iteration, int exit, String stdout) {
        boolean accepted = new SmartctlStatus(exit).readable();
        return new ExecutionResult(Target.of(target), SmartCheck.PROBE, iteration, OptionalInt.of(exit), Output.ofText(stdout),
                Output.empty(), Duration.ofMillis(40), accepted ? Optional.empty()
                        : Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code " + exit)));
    }

    private PostCollector collector() {
        return new SmartCheck().probes(new BundledExperiment.Setup(LocalRunner.create(), out)).get(0).postCollectors()
                .get(0).collector();
    }

    private ExecutionContext context(long iteration) throws IOException {
        return new ExecutionContext("smart-check", Files.createDirectories(temp.resolve("m01")), iteration);
    }

    private List<String> printedLines() {
        return printed.toString(UTF_8).lines().toList();
    }

    @Test
    void probes_acceptTheStatusesOfReadableDisks_andRunTheConfiguredSmartctl() {
        SmartCheck check = new SmartCheck("/opt/smartmontools/sbin/smartctl");

        Probe linux = check.probes(new BundledExperiment.Setup(LocalRunner.create(), out)).get(0);
        Probe windows = check.probes(new BundledExperiment.Setup(PsExecRunner.builder().build(), out)).get(0);

        assertThat(linux.command()).containsExactly("sh", "-c", SmartCheck.LINUX_SCRIPT, "smart-check",
                "/opt/smartmontools/sbin/smartctl");
        assertThat(linux.acceptedExitCodes()).hasSize(32).contains(0, 8, 64, 248).doesNotContain(1, 2, 4, 127);
        assertThat(windows.command()).startsWith("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None",
                "-Command");
        assertThat(windows.acceptedExitCodes()).isEqualTo(linux.acceptedExitCodes());
        PsExecRunner.builder().build().validate(windows);
        assertThat(check.defaultSchedule()).isEqualTo(Schedule.periodic(Duration.ofHours(1)));
    }

    @Test
    void windowsScript_quotesThePath_forPowerShell() {
        String script = SmartCheck.windowsScript("C:\\Program Files\\smart'tools\\bin\\smartctl.exe");

        assertThat(script).startsWith("$s = 'C:\\Program Files\\smart''tools\\bin\\smartctl.exe'; ")
                .contains("exit 127", "& $s --scan", "& $s -H -A", "'@@ddc disk ' + $spec", "'@@ddc exit ' + $rc",
                        "$all = $all -bor $rc", "exit $all")
                .doesNotContain("\n", "\"");
    }

    @Test
    void smartctl_mustBeAPath() {
        assertThatThrownBy(() -> new SmartCheck(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("smartctl must be a path or a name without control characters, got \" \"");
        assertThatThrownBy(() -> new SmartCheck("smartctl\nrm")).hasMessage("smartctl must be a path or a name without"
                + " control characters, got \"smartctl?rm\"");
    }

    @Test
    void diskName_addsTheTypeOfAPortBehindAController() {
        assertThat(SmartCheck.diskName("/dev/sda -d sat")).isEqualTo("/dev/sda");
        assertThat(SmartCheck.diskName("/dev/nvme0")).isEqualTo("/dev/nvme0");
        assertThat(SmartCheck.diskName("/dev/bus/0 -d megaraid,1")).isEqualTo("/dev/bus/0 [megaraid,1]");
    }

    @Test
    void diskOutputs_splitByMarkers_andACutOutputHasNoStatus() {
        String stdout = probeOutput(new String[] {"/dev/sda -d sat", "table", "64"}) + "@@ddc disk /dev/sdb\npartial";

        assertThat(SmartCheck.DiskOutput.split(stdout)).containsExactly(
                new SmartCheck.DiskOutput("/dev/sda", "table\n", OptionalInt.of(64)),
                new SmartCheck.DiskOutput("/dev/sdb", "partial\n", OptionalInt.empty()));
    }

    @Test
    void reason_inRealOutputsOfUnreadableDisks() throws IOException {
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-error.txt")))
                .isEqualTo("/dev/sdb: Unknown USB bridge [0x0bda:0x9201 (0xf200)]");
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-open-failed.txt")))
                .isEqualTo("Smartctl open device: /dev/sda failed: Operation not permitted");
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-permission-denied.txt")))
                .isEqualTo("Smartctl open device: /dev/sda failed: Permission denied");
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-usb-identity-failed.txt")))
                .isEqualTo("Read Device Identity failed: scsi error unsupported field in scsi command");
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-usb-unsupported.txt")))
                .isEqualTo("Device does not support SMART");
        assertThat(SmartCheck.reason(SharedFixtures.text("smartctl-raid-unsupported.txt")))
                .isEqualTo("SMART support is: Unavailable - device lacks SMART capability.");
        assertThat(SmartCheck.reason("")).isEqualTo("no output");
    }

    /** The launcher mails what is raised through the setup's alerts when mail is on; this is that path. */
    @Test
    void collector_raisesItsAlertsThroughTheSetup_withTheResultThatRaisedThem() throws Exception {
        List<String> raised = new java.util.concurrent.CopyOnWriteArrayList<>();
        PostCollector collector = new SmartCheck().probes(new BundledExperiment.Setup(LocalRunner.create(), out,
                (result, text) -> raised.add(result.target().name() + " " + result.iterationId() + ": " + text)))
                .get(0).postCollectors().get(0).collector();

        collector.collect(result("m01", 1700000000, 0, probeOutput(new String[] {"/dev/sda -d sat",
            SmartAttributesTest.ata(0), "0"})), context(1700000000));
        collector.collect(result("m01", 1700003600, 64, probeOutput(new String[] {"/dev/sda -d sat",
            SmartAttributesTest.ata(8), "64"})), context(1700003600));

        assertThat(raised).containsExactly("m01 1700003600: smart-check m01 /dev/sda: Current_Pending_Sector (197) grew"
                + " 0 -> 8 [smartctl status 64 (bit 6: the device error log has errors)]");
        assertThat(printedLines()).as("the setup's alerts print them, not the collector").isEmpty();
    }

    @Test
    void collector_alertsOnce_whenPendingSectorsGrow_andKeepsTheHistory() throws Exception {
        PostCollector collector = collector();

        collector.collect(result("m01", 1700000000, 0, probeOutput(new String[] {"/dev/sda -d sat",
            SmartAttributesTest.ata(0), "0"})), context(1700000000));
        collector.collect(result("m01", 1700003600, 64, probeOutput(new String[] {"/dev/sda -d sat",
            SmartAttributesTest.ata(8), "64"})), context(1700003600));
        collector.collect(result("m01", 1700007200, 64, probeOutput(new String[] {"/dev/sda -d sat",
            SmartAttributesTest.ata(8), "64"})), context(1700007200));

        assertThat(printedLines()).containsExactly("ALERT smart-check m01 /dev/sda: Current_Pending_Sector (197) grew"
                + " 0 -> 8 [smartctl status 64 (bit 6: the device error log has errors)]");
        assertThat(Files.readAllLines(temp.resolve("m01").resolve("smart-sda.csv"), UTF_8)).hasSize(13)
                .contains("1700003600,2023-11-14T23:13:20Z,64,bit 6: the device error log has errors,197,"
                        + "Current_Pending_Sector,Old_age,100,100,000,,8");
    }

    @Test
    void collector_afterARestart_comparesWithTheLastCheckInTheFile() throws Exception {
        collector().collect(result("m01", 1700000000, 0, probeOutput(new String[] {"/dev/sda", SmartAttributesTest.ata(8),
            "0"})), context(1700000000));
        assertThat(printedLines()).containsExactly("ALERT smart-check m01 /dev/sda: Current_Pending_Sector (197) is 8 at"
                + " the first check");
        printed.reset();

        PostCollector restarted = collector();
        restarted.collect(result("m01", 1700003600, 0, probeOutput(new String[] {"/dev/sda", SmartAttributesTest.ata(8),
            "0"})), context(1700003600));
        restarted.collect(result("m01", 1700007200, 0, probeOutput(new String[] {"/dev/sda", SmartAttributesTest.ata(9),
            "0"})), context(1700007200));

        assertThat(printedLines()).containsExactly("ALERT smart-check m01 /dev/sda: Current_Pending_Sector (197) grew"
                + " 8 -> 9");
    }

    @Test
    void collector_anUnreadableDisk_isReportedOnce_andTheOthersAreStillChecked() throws Exception {
        PostCollector collector = collector();
        for (long iteration = 1700000000; iteration < 1700010000; iteration += 3600) {
            long pending = iteration == 1700000000 ? 0 : 4;
            collector.collect(result("m01", iteration, 2, probeOutput(
                    new String[] {"/dev/sda -d sat", SmartAttributesTest.ata(pending), "0"},
                    new String[] {"/dev/sdb -d sat", "smartctl 7.4 2023-08-01 r5530\n\n" + UNREADABLE, "2"})),
                    context(iteration));
        }

        assertThat(printedLines()).containsExactly(
                "smart-check m01 /dev/sdb: cannot read the disk: smartctl status " + CANNOT_OPEN + ": Smartctl open"
                        + " device: /dev/sdb failed: Permission denied",
                "ALERT smart-check m01 /dev/sda: Current_Pending_Sector (197) grew 0 -> 4");
        assertThat(Files.readAllLines(temp.resolve("m01").resolve("smart-sdb.csv"), UTF_8)).hasSize(4)
                .last().asString().endsWith(",2,\"" + CANNOT_OPEN.substring(3, CANNOT_OPEN.length() - 1) + "\",,,,,,,,");
    }

    @Test
    void collector_aDiskThatBecomesReadable_isComparedWithItsLastReadableCheck() throws Exception {
        PostCollector collector = collector();

        collector.collect(result("m01", 1700000000, 0, probeOutput(new String[] {"/dev/sda", SmartAttributesTest.ata(1),
            "0"})), context(1700000000));
        collector.collect(result("m01", 1700003600, 2, probeOutput(new String[] {"/dev/sda", UNREADABLE, "2"})),
                context(1700003600));
        collector.collect(result("m01", 1700007200, 0, probeOutput(new String[] {"/dev/sda", SmartAttributesTest.ata(1),
            "0"})), context(1700007200));

        assertThat(printedLines()).hasSize(2).last().asString().contains(": cannot read the disk: ");
    }

    @Test
    void collector_noDisksInTheOutput_saysWhy_onceWhileItLasts() throws Exception {
        PostCollector collector = collector();
        ExecutionResult notFound = new ExecutionResult(Target.of("m01"), SmartCheck.PROBE, 1700000000,
                OptionalInt.of(127), Output.empty(), Output.ofText("smart-check: 3: smartctl: not found\n"),
                Duration.ofMillis(5), Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code 127")));
        ExecutionResult timedOut = new ExecutionResult(Target.of("m01"), SmartCheck.PROBE, 1700007200,
                OptionalInt.empty(), Output.empty(), Output.empty(), Duration.ofMinutes(2),
                Optional.of(new Failure(Failure.Kind.TIMED_OUT, "timed out after 120 s")));

        collector.collect(notFound, context(1700000000));
        collector.collect(notFound, context(1700003600));
        collector.collect(timedOut, context(1700007200));
        collector.collect(ExecutionResult.unavailable(Target.of("m01"), SmartCheck.PROBE, 1700010800, "no answer"),
                context(1700010800));

        assertThat(printedLines()).containsExactly(
                "smart-check m01: cannot check the disks: exit status 127 (smartctl not found): smart-check: 3:"
                        + " smartctl: not found",
                "smart-check m01: cannot check the disks: TIMED_OUT: timed out after 120 s");
        assertThat(temp.resolve("m01")).isEmptyDirectory();
    }

    @Test
    void collector_realOutputs_ofAFailingAndAnNvmeDisk() throws Exception {
        collector().collect(result("m01", 1700000000, 120, probeOutput(
                new String[] {"/dev/sda -d ata", SharedFixtures.text("smartctl-ata-failing.txt"), "120"},
                new String[] {"/dev/nvme0 -d nvme", SharedFixtures.text("smartctl-nvme.txt"), "0"})),
                context(1700000000));

        assertThat(printedLines()).hasSize(8).allMatch(line -> line.startsWith("ALERT smart-check m01 /dev/sda: "))
                .allMatch(line -> line.endsWith(" [smartctl status 120 (bit 3: the SMART health status says the disk"
                        + " is FAILING; bit 4: some pre-fail attributes are at or below their thresholds; bit 5: some"
                        + " attributes were at or below their thresholds in the past; bit 6: the device error log has"
                        + " errors)]"));
        assertThat(Files.readAllLines(temp.resolve("m01").resolve("smart-nvme0.csv"), UTF_8)).hasSize(22)
                .contains("1700000000,2023-11-14T22:13:20Z,0,ok,,Available Spare,,,,,,100");
    }

    /** A smartctl double: sda gains 8 pending sectors at its second call; 127.0.0.2 also has an unreadable sdb. */
    private Path fakeSmartctl() throws IOException {
        Path script = temp.resolve("bin").resolve("smartctl");
        Files.createDirectories(script.getParent());
        String table = SmartAttributesTest.ata(0).replace("$", "\\$").replace("       0\n\n", "       $pending\n");
        Files.writeString(script, """
                #!/bin/sh
                dir=$(dirname "$0")
                echo "$*" >> "$dir/args-$DDC_TARGET"
                if [ "$1" = --scan ]; then
                  echo '/dev/sda -d sat # /dev/sda [SAT], ATA device'
                  if [ "$DDC_TARGET" = 127.0.0.2 ]; then echo '/dev/sdb -d sat # /dev/sdb [SAT], ATA device'; fi
                  exit 0
                fi
                for device; do :; done
                if [ "$device" = /dev/sdb ]; then echo 'Smartctl open device: /dev/sdb failed: Permission denied'; exit 2; fi
                calls="$dir/calls-$DDC_TARGET"
                n=$(cat "$calls" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$calls"
                pending=0; status=0
                if [ $n -ge 2 ]; then pending=8; status=64; fi
                cat <<EOF
                %TABLE%EOF
                exit $status
                """.replace("%TABLE%", table), UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Cli.Run run(SmartCheck check, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "smart-check", "--target", "127.0.0.1", "--target", "127.0.0.2",
                "--interval", "1s", "--out", temp.resolve("root").toString(), "--check", "always"));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), false, List.of(check), all.toArray(String[]::new));
    }

    @Test
    void run_twoIterations_alertsWhenPendingSectorsGrow_andReportsTheUnreadableDiskOnce() throws IOException {
        Cli.Run run = run(new SmartCheck(fakeSmartctl().toString()), "--iterations", "2");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines().stream().filter(line -> line.startsWith("ALERT") || line.startsWith("smart-check 127")))
                .containsExactlyInAnyOrder(
                        "smart-check 127.0.0.2 /dev/sdb: cannot read the disk: smartctl status " + CANNOT_OPEN
                                + ": Smartctl open device: /dev/sdb failed: Permission denied",
                        "ALERT smart-check 127.0.0.1 /dev/sda: Current_Pending_Sector (197) grew 0 -> 8 [smartctl status"
                                + " 64 (bit 6: the device error log has errors)]",
                        "ALERT smart-check 127.0.0.2 /dev/sda: Current_Pending_Sector (197) grew 0 -> 8 [smartctl status"
                                + " 64 (bit 6: the device error log has errors)]");
        Path folder = temp.resolve("root").resolve("smart-check");
        List<String> trace = Files.readAllLines(folder.resolve("smartctl.trace"), UTF_8);
        assertThat(trace).hasSize(2).allMatch(line -> line.matches("\\d+\\|1\\|1\\|0\\|50\\.0\\|.*\\|127\\.0\\.0\\.1,\\|"
                + "127\\.0\\.0\\.2,\\| \\|"));
        List<String> expected = new ArrayList<>(List.of(String.join(",", SmartHistory.HEADER)));
        for (int i = 0; i < 2; i++) {
            long id = Long.parseLong(trace.get(i).substring(0, trace.get(i).indexOf('|')));
            String check = id + "," + ResourceSample.utc(id) + "," + (i == 0 ? "0,ok" : "64,bit 6: the device error log"
                    + " has errors");
            expected.addAll(List.of(check + ",1,Raw_Read_Error_Rate,Pre-fail,100,100,006,,0",
                    check + ",5,Reallocated_Sector_Ct,Pre-fail,100,100,010,,0",
                    check + ",194,Temperature_Celsius,Old_age,036,050,000,,36 (Min/Max 20/50)",
                    check + ",197,Current_Pending_Sector,Old_age,100,100,000,," + (i == 0 ? 0 : 8)));
        }
        assertThat(Files.readAllLines(folder.resolve("127.0.0.1").resolve("smart-sda.csv"), UTF_8))
                .containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(folder.resolve("127.0.0.2").resolve("smart-sdb.csv"), UTF_8)).hasSize(3);
        assertThat(folder.resolve("127.0.0.1").resolve("smart-sdb.csv")).doesNotExist();
        // the device type that --scan printed is passed on, and nothing of the comment after '#'
        assertThat(Files.readAllLines(temp.resolve("bin").resolve("args-127.0.0.2"), UTF_8)).containsExactly(
                "--scan", "-H -A -d sat /dev/sda", "-H -A -d sat /dev/sdb", "--scan", "-H -A -d sat /dev/sda",
                "-H -A -d sat /dev/sdb");
    }

    @Test
    void run_aTargetWithoutDisks_isFailedWithExit2_andSaysSo() throws IOException {
        Path script = Files.writeString(temp.resolve("smartctl"), "#!/bin/sh\nexit 0\n", UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        Cli.Run run = run(new SmartCheck(script.toString()), "--iterations", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains("smart-check 127.0.0.1: cannot check the disks: exit status " + CANNOT_OPEN
                + ": smartctl --scan found no disk");
    }

    @Test
    void run_withoutSmartctl_isFailedWithExit127_andSaysSo() throws IOException {
        Cli.Run run = run(new SmartCheck(temp.resolve("nowhere").resolve("smartctl").toString()), "--iterations",
                "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).filteredOn(line -> line.startsWith("smart-check 127."))
                .hasSize(2).allMatch(line -> line.contains(": cannot check the disks: exit status 127 (smartctl not"
                        + " found): ") && line.endsWith("smartctl: not found"));
        assertThat(Files.readString(temp.resolve("root").resolve("smart-check").resolve("127.0.0.1")
                .resolve("smartctl.stdout"))).startsWith("#ddc1 iteration=").contains(" outcome=FAILED exit=127 ");
    }
}

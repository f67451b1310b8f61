package io.ddc.examples;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Outcome;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.examples.SmartHistory.Baseline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code ddc run smart-check}: every hour, {@code smartctl --scan} lists each target's disks and
 * {@code smartctl -H -A} reads each one, in one execution ({@link #LINUX_SCRIPT}, or
 * {@link #windowsScript} through PsExec). The post-collector reads every disk's attributes
 * ({@link SmartAttributes}), appends them to the disk's history ({@link SmartHistory},
 * {@code <target>/smart-<disk>.csv}), and applies the {@link SmartAlerts alert rules} against the
 * disk's previous check, kept in memory and read back from that file after a restart. Each alert
 * is one line (shown here on two), such as
 *
 * <pre>
 * ALERT smart-check m01 /dev/sda: Current_Pending_Sector (197) grew 0 -&gt; 8 [smartctl status 64 (bit 6: the
 * device error log has errors)]
 * </pre>
 *
 * <p>smartctl must be installed on the targets (smartmontools; on Windows its {@code bin} folder on
 * the PATH) and run with administrator rights ({@code root} for the local runner). Its exit status
 * is a bit mask ({@link SmartctlStatus}): the probe exits with the statuses of all disks or-ed
 * together and accepts {@link SmartctlStatus#SUCCEEDED_CODES}, so a readable disk with logged errors
 * is SUCCEEDED, while a disk smartctl cannot read makes the execution FAILED: the other disks are
 * still checked, and the unreadable one is reported in one line with the decoded status and
 * smartctl's reason. A target without smartctl is FAILED with exit status 127, and so reported.
 * Such lines are printed when they change, not at every check.
 *
 * <p>The smartctl run on the targets is {@code smartctl}, looked up on their PATH, or what the
 * coordinator's environment variable {@value #SMARTCTL_VARIABLE} names. Immutable; the
 * post-collector of each {@link #probes} call keeps its own state, safe for concurrent targets.
 */
final class SmartCheck implements BundledExperiment {
    /** The probe's name. */
    static final String PROBE = "smartctl";
    /** The coordinator's environment variable that names the smartctl to run on the targets. */
    static final String SMARTCTL_VARIABLE = "DDC_SMARTCTL";
    /** Time between two checks unless {@code --interval} says otherwise. */
    static final Duration INTERVAL = Duration.ofHours(1);

    /**
     * The Linux probe's script, run as {@code sh -c SCRIPT smart-check SMARTCTL}: a marker line
     * before each disk's output and one with its exit status after it ({@link MarkedOutput}), and
     * the exit statuses or-ed together as its own; 2 if {@code --scan} found no disk.
     */
    static final String LINUX_SCRIPT = """
            set -f
            s=$1
            scan=$("$s" --scan) || exit $?
            all=0; n=0
            while read -r dev rest; do
              case $dev in ''|'#'*) continue ;; esac
              echo "@@ddc disk $dev ${rest%%#*}"
              "$s" -H -A ${rest%%#*} "$dev" </dev/null
              rc=$?
              echo; echo "@@ddc exit $rc"
              all=$((all | rc)); n=$((n + 1))
            done <<EOF
            $scan
            EOF
            if [ $n -eq 0 ]; then echo 'smartctl --scan found no disk' >&2; exit 2; fi
            exit $all
            """;

    /** smartctl's first lines ({@code smartctl 7.4 2023-08-01 ...}, {@code Copyright ...}) and section titles. */
    private static final Pattern BANNER = Pattern.compile("smartctl (version )?\\d.*|Copyright .*|Home page .*|===.*");
    private static final Pattern REASON = Pattern.compile(
            "(?i).*(failed|unavailable|not support|unknown|denied|not permitted|please specify).*");

    private final String smartctl;

    /** Runs the smartctl that {@value #SMARTCTL_VARIABLE} names, or {@code smartctl}. */
    SmartCheck() {
        this(Optional.ofNullable(System.getenv(SMARTCTL_VARIABLE)).filter(value -> !value.isBlank()).orElse("smartctl"));
    }

    /**
     * Runs a given smartctl.
     *
     * @param smartctl its path or name on the targets
     * @throws IllegalArgumentException if it is blank or holds a control character
     */
    SmartCheck(String smartctl) {
        Objects.requireNonNull(smartctl, "smartctl");
        if (smartctl.isBlank() || smartctl.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("smartctl must be a path or a name without control characters,"
                    + " got \"" + ResourceSample.shorten(smartctl) + "\"");
        }
        this.smartctl = smartctl;
    }

    @Override
    public String name() {
        return "smart-check";
    }

    @Override
    public String description() {
        return "smartctl on every disk of each target every hour; ALERT lines when bad sectors grow or an"
                + " attribute fails";
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
        Probe.Builder probe = Probe.builder(PROBE).acceptExitCodes(SmartctlStatus.SUCCEEDED_CODES);
        if (setup.windowsTargets()) {
            probe.command("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None", "-Command",
                    windowsScript(smartctl)).timeout(Duration.ofMinutes(3));
        } else {
            probe.command("sh", "-c", LINUX_SCRIPT, "smart-check", smartctl).timeout(Duration.ofMinutes(2));
        }
        return List.of(probe.postCollector("smart-alerts", new Collector(setup.out(), setup.alerts())).build());
    }

    /** The coordinator itself, for the local runner only: other runners reach real machines. */
    @Override
    public Optional<TargetPool> defaultTargets(Setup setup) {
        return setup.runner() instanceof LocalRunner ? Optional.of(TargetPool.of("localhost")) : Optional.empty();
    }

    /**
     * The Windows probe's PowerShell script, one line, with the same output and exit status as
     * {@link #LINUX_SCRIPT}: 127 if smartctl is not found.
     *
     * @param smartctl its path or name on the targets
     * @return the script
     */
    static String windowsScript(String smartctl) {
        return String.join("; ",
                "$s = '" + smartctl.replace("'", "''") + "'",
                "if (-not (Get-Command $s -ErrorAction SilentlyContinue)) {"
                        + " [Console]::Error.WriteLine('smartctl not found: ' + $s); exit 127 }",
                "$scan = @(& $s --scan)",
                "if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }",
                "$all = 0; $n = 0",
                "foreach ($line in $scan) { $spec = ($line -split '#')[0].Trim(); if (-not $spec) { continue };"
                        + " $words = @(-split $spec); $out = & $s -H -A @($words | Select-Object -Skip 1) $words[0];"
                        + " $rc = $LASTEXITCODE; '@@ddc disk ' + $spec; $out; ''; '@@ddc exit ' + $rc;"
                        + " $all = $all -bor $rc; $n++ }",
                "if ($n -eq 0) { [Console]::Error.WriteLine('smartctl --scan found no disk'); exit 2 }",
                "exit $all");
    }

    /**
     * What the probe printed for one disk.
     *
     * @param disk the disk, such as {@code /dev/sda} ({@link #diskName})
     * @param output smartctl's output for it
     * @param exitStatus smartctl's exit status; empty if the output was cut short
     */
    record DiskOutput(String disk, String output, OptionalInt exitStatus) {
        /**
         * Splits the probe's output into disks.
         *
         * @param stdout the probe's output
         * @return one per disk, in output order
         */
        static List<DiskOutput> split(String stdout) {
            List<MarkedOutput.Section> sections = MarkedOutput.split(stdout);
            List<DiskOutput> disks = new ArrayList<>();
            for (int i = 0; i < sections.size(); i++) {
                MarkedOutput.Section section = sections.get(i);
                if (!section.name().equals("disk")) {
                    continue;
                }
                OptionalInt exit = OptionalInt.empty();
                if (i + 1 < sections.size() && sections.get(i + 1).name().equals("exit")
                        && sections.get(i + 1).argument().matches("\\d{1,3}")
                        && Integer.parseInt(sections.get(i + 1).argument()) <= 255) {
                    exit = OptionalInt.of(Integer.parseInt(sections.get(i + 1).argument()));
                }
                disks.add(new DiskOutput(diskName(section.argument()), section.body(), exit));
            }
            return disks;
        }
    }

    /**
     * Names a disk from its line of {@code smartctl --scan}.
     *
     * @param scanned such as {@code /dev/sda -d sat} or {@code /dev/bus/0 -d megaraid,1}
     * @return the device, with the device type when it names a port behind a controller:
     *     {@code /dev/sda}, {@code /dev/bus/0 [megaraid,1]}
     */
    static String diskName(String scanned) {
        String[] words = scanned.strip().split("\\s+");
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equals("-d") && words[i + 1].contains(",")) {
                return words[0] + " [" + words[i + 1] + "]";
            }
        }
        return words[0];
    }

    /**
     * Finds why smartctl could not read a disk in what it printed.
     *
     * @param output smartctl's output
     * @return the first line that says so ({@code Smartctl open device: /dev/sda failed: Permission
     *     denied}), or the first line after the banner, or {@code "no output"}
     */
    static String reason(String output) {
        List<String> lines = output.lines().map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty() && !BANNER.matcher(line).matches())
                .toList();
        return lines.stream().filter(line -> REASON.matcher(line).matches()).findFirst()
                .or(() -> lines.stream().findFirst()).map(ResourceSample::shorten).orElse("no output");
    }

    /** The post-collector; its state is the last check of each disk, and the last line printed. */
    private static final class Collector implements PostCollector {
        private final PrintStream out;
        private final Alerts alerts;
        private final Map<Path, Baseline> baselines = new ConcurrentHashMap<>();
        private final Map<Path, String> printed = new ConcurrentHashMap<>();

        Collector(PrintStream out, Alerts alerts) {
            this.out = out;
            this.alerts = alerts;
        }

        @Override
        public void collect(ExecutionResult result, ExecutionContext context) throws IOException {
            if (result.outcome() == Outcome.UNAVAILABLE) {
                return;
            }
            String target = result.target().name();
            List<DiskOutput> disks = DiskOutput.split(result.stdout().text());
            Path folder = context.targetFolder();
            if (disks.isEmpty()) {
                printOnChange(folder, "smart-check " + target + ": cannot check the disks: " + targetProblem(result));
                return;
            }
            printed.remove(folder);
            for (DiskOutput disk : disks) {
                check(result, disk, folder.resolve(SmartHistory.fileName(disk.disk())), context.iterationId());
            }
        }

        private void check(ExecutionResult result, DiskOutput disk, Path file, long iterationId) throws IOException {
            String target = result.target().name();
            String prefix = "smart-check " + target + " " + disk.disk() + ": ";
            if (disk.exitStatus().isEmpty()) {
                printOnChange(file, prefix + "no exit status: the output was cut short");
                return;
            }
            SmartctlStatus status = new SmartctlStatus(disk.exitStatus().getAsInt());
            @Nullable Baseline known = baselines.get(file);
            Optional<Baseline> before = known != null ? Optional.of(known) : SmartHistory.restore(file);
            SmartAttributes now = status.readable() ? SmartAttributes.parse(disk.output())
                    : new SmartAttributes(List.of(), List.of());
            SmartHistory.append(file, iterationId, status, now.attributes());
            if (now.attributes().isEmpty()) {
                baselines.put(file, new Baseline(status, before.map(Baseline::attributes).orElse(List.of())));
                printOnChange(file, prefix + (status.readable() ? "no SMART attributes" : "cannot read the disk")
                        + ": smartctl status " + status.describe() + ": " + reason(disk.output()));
                return;
            }
            baselines.put(file, new Baseline(status, now.attributes()));
            String suffix = status.code() == 0 ? "" : " [smartctl status " + status.describe() + "]";
            for (String alert : SmartAlerts.compare(before, status, now)) {
                alerts.raise(result, prefix + alert + suffix);
            }
            if (now.problems().isEmpty()) {
                printed.remove(file);
            } else {
                printOnChange(file, prefix + now.problems().size() + " line(s) of smartctl's output not understood,"
                        + " first " + now.problems().get(0));
            }
        }

        /** Prints a line unless it is the last one printed about the same target or disk. */
        private void printOnChange(Path about, String line) {
            if (!line.equals(printed.put(about, line))) {
                out.println(line);
            }
        }

        private static String targetProblem(ExecutionResult result) {
            if (result.succeeded()) {
                return "no disk in smartctl's output";
            }
            OptionalInt exit = result.exitCode();
            String stderr = reason(result.stderr().text());
            if (exit.isPresent() && exit.getAsInt() >= 0 && exit.getAsInt() <= 255) {
                return "exit status " + new SmartctlStatus(exit.getAsInt()).describe()
                        + (stderr.equals("no output") ? "" : ": " + stderr);
            }
            return result.failure().map(Object::toString).orElse(result.outcome().toString());
        }
    }
}

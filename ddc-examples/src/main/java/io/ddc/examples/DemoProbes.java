package io.ddc.examples;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Probe;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.TargetFamily;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The demo's four probes, written once for each kind of machine a runner reaches: {@code os},
 * {@code load} (with a post-collector that prints the load), {@code hello}, and {@code broken},
 * which fails on purpose. {@link #forRunner} picks the set the runner's targets understand.
 *
 * <p>Thread-safe: each call of {@link #probes} builds new, immutable probes.
 */
public enum DemoProbes {
    /**
     * POSIX commands, for the local runner on a Linux coordinator and the SSH runner to Linux
     * machines: {@code uname -a}, {@code cat /proc/loadavg},
     * {@code sh -c 'echo "hello from $DDC_TARGET"'} and {@code ls /nonexistent-ddc-demo}.
     */
    LINUX("Linux commands", Duration.ofSeconds(10)),
    /**
     * Windows commands, for the PsExec runner and the SSH runner to PowerShell targets:
     * {@code cmd /c ver}, the processors' average {@code LoadPercentage} through PowerShell,
     * {@code cmd /c echo hello from %COMPUTERNAME%} and {@code cmd /c dir C:\nonexistent-ddc-demo}.
     * PsExec needs seconds to connect, so each probe gets a minute.
     */
    WINDOWS("Windows commands", Duration.ofSeconds(60));

    /** The name of the probe that fails on purpose, in every set. */
    public static final String BROKEN = "broken";

    private final String description;
    private final Duration timeout;

    DemoProbes(String description, Duration timeout) {
        this.description = description;
        this.timeout = timeout;
    }

    /**
     * Picks the set for a runner's {@linkplain RemoteRunner#targetFamily() target family}: Windows
     * commands for {@link TargetFamily#WINDOWS} (the PsExec runner, an SSH runner set up for
     * PowerShell targets), POSIX commands for any other.
     *
     * @param runner the experiment's runner
     * @return the probe set
     */
    public static DemoProbes forRunner(RemoteRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return runner.targetFamily() == TargetFamily.WINDOWS ? WINDOWS : LINUX;
    }

    /**
     * Builds the four probes, in the order they run on each target.
     *
     * @param out where the {@code load} probe's post-collector prints
     * @return {@code os}, {@code load}, {@code hello}, {@code broken}
     */
    public List<Probe> probes(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return switch (this) {
            case LINUX -> List.of(
                    probe("os", "uname", "-a"),
                    Probe.builder("load").command("cat", "/proc/loadavg").timeout(timeout)
                            .postCollector("print-load", (result, context) -> printLoadAverages(result, context, out))
                            .build(),
                    probe("hello", "sh", "-c", "echo \"hello from $DDC_TARGET\""),
                    probe(BROKEN, "ls", "/nonexistent-ddc-demo"));
            case WINDOWS -> List.of(
                    probe("os", "cmd", "/c", "ver"),
                    Probe.builder("load")
                            .command("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None", "-Command",
                                    "(Get-CimInstance Win32_Processor | Measure-Object -Property LoadPercentage"
                                            + " -Average).Average")
                            .timeout(timeout)
                            .postCollector("print-load", (result, context) -> printLoadPercentage(result, context, out))
                            .build(),
                    probe("hello", "cmd", "/c", "echo", "hello", "from", "%COMPUTERNAME%"),
                    probe(BROKEN, "cmd", "/c", "dir", "C:\\nonexistent-ddc-demo"));
        };
    }

    /** @return e.g. {@code Windows commands}, for the demo's introduction */
    public String description() {
        return description;
    }

    private Probe probe(String name, String executable, String... arguments) {
        return Probe.builder(name).command(executable, arguments).timeout(timeout).build();
    }

    /** A post-collector: prints the three load averages of {@code /proc/loadavg}. */
    private static void printLoadAverages(ExecutionResult result, ExecutionContext context, PrintStream out) {
        if (!result.succeeded()) {
            return;
        }
        String[] fields = result.stdout().text().strip().split(" ");
        String averages = fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : String.join(" ", fields);
        out.println("  post-collector print-load: " + result.target() + " load averages " + averages
                + " (1, 5, 15 min), iteration " + context.iterationId());
    }

    /** A post-collector: prints the percentage PowerShell printed, its last non-blank line. */
    private static void printLoadPercentage(ExecutionResult result, ExecutionContext context, PrintStream out) {
        if (!result.succeeded()) {
            return;
        }
        List<String> lines = result.stdout().text().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String load = lines.isEmpty() ? "not printed" : lines.get(lines.size() - 1) + " %";
        out.println("  post-collector print-load: " + result.target() + " CPU load " + load
                + " (average of its processors), iteration " + context.iterationId());
    }
}

package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.launcher.Cli;
import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.psexec.PsExecRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resource-monitor}: its probes, the CSV files its post-collector keeps, and a real run. */
final class ResourceMonitorTest {
    private static final String ROW = "\\d+,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,\\d+\\.\\d+,,\\d+,\\d*,\\d+,.*";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, UTF_8);

    static ExecutionResult succeeded(String target, String probe, long iteration, String stdout) {
        return new ExecutionResult(Target.of(target), probe, iteration, OptionalInt.of(0),
                Output.ofText(stdout), Output.empty(), Duration.ofMillis(20), Optional.empty());
    }

    private ExecutionContext context(long iteration) throws Exception {
        return new ExecutionContext("resource-monitor", Files.createDirectories(temp.resolve("m01")), iteration);
    }

    private static String linux(String loadavg, String meminfo) {
        return LinuxResourcesTest.output(loadavg, meminfo, LinuxResourcesTest.UPTIME, LinuxResourcesTest.DF,
                LinuxResourcesTest.WHO);
    }

    @Test
    void collector_writesARowPerIteration_andTheFactsOnce() throws Exception {
        PostCollector collector = ResourceMonitor.collector(false, out);

        collector.collect(succeeded("m01", "resources", 1700000000, linux(LinuxResourcesTest.LOADAVG,
                LinuxResourcesTest.MEMINFO)), context(1700000000));
        collector.collect(succeeded("m01", "resources", 1700000300, linux("1.75 0.9 0.6 3/400 1\n",
                LinuxResourcesTest.MEMINFO.replace("11225936", "9000000"))), context(1700000300));

        assertThat(temp.resolve("m01").resolve("resource-monitor.csv")).content(UTF_8).isEqualTo("""
                iteration,time_utc,load_1m,cpu_percent,memory_available_kib,disk_free_kib,uptime_s,users
                1700000000,2023-11-14T22:13:20Z,0.52,,11225936,254744448,350735,alice bob
                1700000300,2023-11-14T22:18:20Z,1.75,,9000000,254744448,350735,alice bob
                """);
        assertThat(temp.resolve("m01").resolve("resource-facts.csv")).content(UTF_8).isEqualTo("""
                iteration,time_utc,os,os_version,cpu_model,logical_cpus,memory_total_kib
                1700000000,2023-11-14T22:13:20Z,Ubuntu 22.04.4 LTS,5.15.0-105-generic,Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz,8,16115528
                """);
        assertThat(printed.toString(UTF_8)).isEmpty();
    }

    @Test
    void collector_factsThatChange_areWrittenAgain_evenAfterARestart() throws Exception {
        ResourceMonitor.collector(false, out).collect(succeeded("m01", "resources", 1700000000,
                linux(LinuxResourcesTest.LOADAVG, LinuxResourcesTest.MEMINFO)), context(1700000000));
        // a new collector, as after a restart, reads the last facts back from the file
        PostCollector restarted = ResourceMonitor.collector(false, out);
        restarted.collect(succeeded("m01", "resources", 1700000300, linux(LinuxResourcesTest.LOADAVG,
                LinuxResourcesTest.MEMINFO)), context(1700000300));
        restarted.collect(succeeded("m01", "resources", 1700000600, linux(LinuxResourcesTest.LOADAVG,
                LinuxResourcesTest.MEMINFO.replace("16115528", "32230000"))), context(1700000600));

        assertThat(Files.readAllLines(temp.resolve("m01").resolve("resource-facts.csv"), UTF_8)).hasSize(3)
                .last().asString().isEqualTo("1700000600,2023-11-14T22:23:20Z,Ubuntu 22.04.4 LTS,5.15.0-105-generic,"
                        + "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz,8,32230000");
        assertThat(Files.readAllLines(temp.resolve("m01").resolve("resource-monitor.csv"), UTF_8)).hasSize(4);
    }

    @Test
    void collector_windowsOutput_quotesTheCellsThatNeedIt() throws Exception {
        String output = WindowsResourcesTest.HEADER + "\"Microsoft Windows 10 Pro\",\"10.0.19045\",\"AMD Ryzen 5, 6 cores\","
                + "\"12\",\"16000000\",\"8000000\",\"7\",\"500000000\",\"3600\",\"carol\"\r\n";

        ResourceMonitor.collector(true, out).collect(succeeded("m01", "resources", 1700000000, output),
                context(1700000000));

        assertThat(temp.resolve("m01").resolve("resource-monitor.csv")).content(UTF_8).endsWith(
                "\n1700000000,2023-11-14T22:13:20Z,,7,8000000,500000000,3600,carol\n");
        assertThat(temp.resolve("m01").resolve("resource-facts.csv")).content(UTF_8).endsWith(
                "\n1700000000,2023-11-14T22:13:20Z,Microsoft Windows 10 Pro,10.0.19045,\"AMD Ryzen 5, 6 cores\",12,"
                        + "16000000\n");
    }

    @Test
    void collector_outputNotUnderstood_writesNoRow_andSaysWhy() throws Exception {
        ResourceMonitor.collector(false, out).collect(succeeded("m01", "resources", 1700000000, "garbage\n"),
                context(1700000000));

        assertThat(temp.resolve("m01").resolve("resource-monitor.csv")).doesNotExist();
        assertThat(printed.toString(UTF_8)).isEqualTo("resource-monitor m01: output not understood, no row written:"
                + " no loadavg section in the output\n");
    }

    @Test
    void collector_ignoresFailedAndUnavailableResults() throws Exception {
        PostCollector collector = ResourceMonitor.collector(false, out);

        collector.collect(ExecutionResult.unavailable(Target.of("m01"), "resources", 1700000000, "no answer"),
                context(1700000000));
        collector.collect(new ExecutionResult(Target.of("m01"), "resources", 1700000300,
                OptionalInt.of(1), Output.ofText(linux(LinuxResourcesTest.LOADAVG, LinuxResourcesTest.MEMINFO)),
                Output.empty(), Duration.ZERO, Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit 1"))),
                context(1700000300));

        assertThat(temp.resolve("m01")).isEmptyDirectory();
    }

    @Test
    void probes_oneProbe_shellForLinux_powershellForWindows() {
        ResourceMonitor monitor = new ResourceMonitor();

        List<Probe> linux = monitor.probes(new BundledExperiment.Setup(LocalRunner.create(), out));
        List<Probe> windows = monitor.probes(new BundledExperiment.Setup(PsExecRunner.builder().build(), out));

        assertThat(linux).singleElement().satisfies(probe -> {
            assertThat(probe.command()).containsExactly("sh", "-c", LinuxResources.SCRIPT);
            assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(windows).singleElement().satisfies(probe -> {
            assertThat(probe.command()).isEqualTo(WindowsResources.command());
            assertThat(probe.timeout()).isEqualTo(Duration.ofMinutes(2));
        });
        assertThat(monitor.defaultSchedule()).isEqualTo(Schedule.periodic(Duration.ofMinutes(5)));
        assertThat(monitor.defaultTargets(new BundledExperiment.Setup(LocalRunner.create(), out)))
                .contains(TargetPool.of("localhost"));
        assertThat(monitor.defaultTargets(new BundledExperiment.Setup(PsExecRunner.builder().build(), out))).isEmpty();
    }

    @Test
    void run_twoIterationsOnTwoLoopbackTargets_writesTheCsvFiles() throws Exception {
        Path root = temp.resolve("root");

        Cli.Run run = Cli.run("run", "resource-monitor", "--target", "127.0.0.1", "--target", "127.0.0.2",
                "--iterations", "2", "--interval", "1s", "--out", root.toString(), "--check", "always");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).noneMatch(line -> line.startsWith("resource-monitor 127."));
        for (String target : List.of("127.0.0.1", "127.0.0.2")) {
            Path folder = root.resolve("resource-monitor").resolve(target);
            List<String> figures = Files.readAllLines(folder.resolve("resource-monitor.csv"), UTF_8);
            assertThat(figures).hasSize(3).first().isEqualTo(String.join(",", ResourceSample.FIGURES_HEADER));
            assertThat(figures.subList(1, 3)).allMatch(line -> line.matches(ROW), "matches " + ROW);
            assertThat(Files.readAllLines(folder.resolve("resource-facts.csv"), UTF_8)).hasSize(2)
                    .last().asString().matches("\\d+,[^,]+,.*,\\d+,\\d+");
        }
    }

    @Test
    void listedAndRunnable_byName() {
        Cli.Run run = Cli.run(Map.of(), "list");

        assertThat(run.outLines()).contains("resource-monitor  " + new ResourceMonitor().description());
    }
}

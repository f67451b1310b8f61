package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.ddc.core.LocalRunner;
import io.ddc.psexec.PsExecRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmark-once}: reading the figures, the CSV file, and a real run. */
final class BenchmarkOnceTest {
    private static final String DD = "128+0 records in\n128+0 records out\n"
            + "134217728 bytes (134 MB, 128 MiB) copied, 0.492113 s, 273 MB/s\n";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, UTF_8);

    private static ExecutionResult succeeded(String target, String stdout, String stderr) {
        return new ExecutionResult(Target.of(target), BenchmarkOnce.PROBE, 1700000000,
                OptionalInt.of(0), Output.ofText(stdout), Output.ofText(stderr), Duration.ofSeconds(1), Optional.empty());
    }

    private ExecutionContext context(String target) throws IOException {
        return new ExecutionContext("benchmark-once", Files.createDirectories(temp.resolve(target)), 1700000000);
    }

    @Test
    void figure_linux_isDdsSummary() {
        BenchmarkOnce.Figure figure = BenchmarkOnce.figure(succeeded("m01", "a6d7...  -\n", DD), false);

        assertThat(figure).isEqualTo(new BenchmarkOnce.Figure(134217728, new BigDecimal("0.492113")));
        assertThat(figure.megabytesPerSecond()).contains(new BigDecimal("272.7"));
    }

    @Test
    void figure_olderDd_withoutTheMiBPart() {
        String stderr = "134217728 bytes (134 MB) copied, 1.5 s, 89.5 MB/s\n";

        assertThat(BenchmarkOnce.figure(succeeded("m01", "", stderr), false))
                .isEqualTo(new BenchmarkOnce.Figure(134217728, new BigDecimal("1.5")));
    }

    @Test
    void figure_windows_isTheKeyValueLines() {
        BenchmarkOnce.Figure figure = BenchmarkOnce.figure(succeeded("m01", "bytes=134217728\r\nseconds=0.6104\r\n", ""),
                true);

        assertThat(figure).isEqualTo(new BenchmarkOnce.Figure(134217728, new BigDecimal("0.6104")));
        assertThat(figure.megabytesPerSecond()).contains(new BigDecimal("219.9"));
    }

    @Test
    void figure_damaged() {
        assertThatThrownBy(() -> BenchmarkOnce.figure(succeeded("m01", "", "128+0 records in\n1342177"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no line \"N bytes (...) copied, S s, ...\" from dd on standard error");
        assertThatThrownBy(() -> BenchmarkOnce.figure(succeeded("m01", "bytes=1\0" + "2\nseconds=1,5\n", ""), true))
                .hasMessage("expected bytes=N and seconds=S lines, got bytes=\"1?2\", seconds=\"1,5\"");
        assertThat(new BenchmarkOnce.Figure(1, BigDecimal.ZERO).megabytesPerSecond()).isEmpty();
    }

    @Test
    void collector_oneCsvForAllTargets_withFailuresAndOutputsNotUnderstood() throws Exception {
        PostCollector collector = BenchmarkOnce.collector(false, out);

        collector.collect(succeeded("m01", "", DD), context("m01"));
        collector.collect(new ExecutionResult(Target.of("m02"), BenchmarkOnce.PROBE, 1700000000,
                OptionalInt.empty(), Output.empty(), Output.empty(), Duration.ofSeconds(30),
                Optional.of(new Failure(Failure.Kind.TIMED_OUT, "timed out after 30 s"))), context("m02"));
        collector.collect(succeeded("m03", "", "dd: unknown operand\n"), context("m03"));
        collector.collect(ExecutionResult.unavailable(Target.of("m04"), BenchmarkOnce.PROBE, 1700000000, "no"),
                context("m04"));

        assertThat(temp.resolve("benchmark.csv")).content(UTF_8).isEqualTo("""
                target,iteration,time_utc,outcome,exit_status,bytes,seconds,mb_per_s
                m01,1700000000,2023-11-14T22:13:20Z,SUCCEEDED,0,134217728,0.492113,272.7
                m02,1700000000,2023-11-14T22:13:20Z,FAILED,,,,
                m03,1700000000,2023-11-14T22:13:20Z,SUCCEEDED,0,,,
                """);
        assertThat(printed.toString(UTF_8)).isEqualTo("benchmark-once m03: output not understood: no line \"N bytes"
                + " (...) copied, S s, ...\" from dd on standard error\n");
    }

    @Test
    void probes_theSameWorkOnLinuxAndWindows() {
        BenchmarkOnce benchmark = new BenchmarkOnce();

        Probe linux = benchmark.probes(new BundledExperiment.Setup(LocalRunner.create(), out)).get(0);
        Probe windows = benchmark.probes(new BundledExperiment.Setup(PsExecRunner.builder().build(), out)).get(0);

        assertThat(linux.command()).containsExactly("env", "LC_ALL=C", "sh", "-c",
                "dd if=/dev/zero bs=1M count=128 | sha256sum");
        assertThat(windows.command().get(windows.command().size() - 1)).contains("New-Object byte[] 134217728",
                "SHA256", "Measure-Command", "'bytes=' + $data.Length", "InvariantCulture");
        PsExecRunner.builder().build().validate(windows);
        assertThat(benchmark.defaultSchedule()).isEqualTo(Schedule.singleShot());
        assertThat(benchmark.defaultParallelism()).isEqualTo(1);
    }

    @Test
    void run_onTwoLoopbackTargets_endsWhenBothAnswered_withOneRowEach() throws IOException {
        Path root = temp.resolve("root");

        Cli.Run run = Cli.run("run", "benchmark-once", "--target", "127.0.0.1", "--target", "127.0.0.2",
                "--iterations", "2", "--out", root.toString(), "--check", "always");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).anyMatch(line -> line.matches("benchmark-once ended after 1 iteration\\(s\\)"
                + " \\(ALL_SUCCEEDED\\) in .*"));
        List<String> rows = Files.readAllLines(root.resolve("benchmark-once").resolve("benchmark.csv"), UTF_8);
        assertThat(rows).hasSize(3).first().isEqualTo(String.join(",", BenchmarkOnce.HEADER));
        assertThat(rows.get(1)).matches("127\\.0\\.0\\.1,\\d+,[-0-9T:]+Z,SUCCEEDED,0,134217728,\\d+\\.\\d+,\\d+\\.\\d");
        assertThat(rows.get(2)).startsWith("127.0.0.2,");
    }
}

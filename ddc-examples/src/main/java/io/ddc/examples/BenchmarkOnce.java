package io.ddc.examples;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.Outcome;
import io.ddc.PostCollector;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.parsers.KeyValueParser;
import io.ddc.parsers.KeyValues;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ddc run benchmark-once}: a single-shot experiment, tried again every minute on the targets
 * that have not answered yet, until every one has. The benchmark is the same work on both kinds of
 * machine, the SHA-256 digest of {@value #MIB} MiB of zeros (about half a second on a current PC):
 *
 * <ul>
 *   <li>Linux: {@code sh -c 'dd if=/dev/zero bs=1M count=128 | sha256sum'} in the C locale; dd's
 *       last line on standard error gives bytes and seconds (the pipe makes dd wait for the digest);</li>
 *   <li>Windows: PowerShell times {@code [Security.Cryptography.SHA256]::ComputeHash} with
 *       {@code Measure-Command} and prints {@code bytes=} and {@code seconds=} lines.</li>
 * </ul>
 *
 * <p>The post-collector appends one row per answer to {@value #FILE} in the experiment's folder:
 * {@code target,iteration,time_utc,outcome,exit_status,bytes,seconds,mb_per_s} ({@code mb_per_s} in
 * 10^6 bytes per second, one decimal); a FAILED execution gets a row without figures, and is tried
 * again in the next iteration. Targets are visited one at a time by default, so that with the local
 * runner (target {@code localhost} unless others are given) two runs never compete for the same
 * processor. Immutable; the post-collector serializes its appends to the shared file.
 */
final class BenchmarkOnce implements BundledExperiment {
    /** The probe's name. */
    static final String PROBE = "benchmark";
    /** The CSV file, in the experiment's folder. */
    static final String FILE = "benchmark.csv";
    /** The columns of {@link #FILE}. */
    static final List<String> HEADER = List.of("target", "iteration", "time_utc", "outcome", "exit_status", "bytes",
            "seconds", "mb_per_s");
    /** How much data is digested. */
    static final int MIB = 128;

    private static final String LINUX_SCRIPT = "dd if=/dev/zero bs=1M count=" + MIB + " | sha256sum";
    private static final String WINDOWS_SCRIPT = String.join("; ",
            "$data = New-Object byte[] " + MIB * 1024 * 1024,
            "$sha = [Security.Cryptography.SHA256]::Create()",
            "$t = Measure-Command { [void]$sha.ComputeHash($data) }",
            "'bytes=' + $data.Length",
            "'seconds=' + $t.TotalSeconds.ToString([Globalization.CultureInfo]::InvariantCulture)");
    /** dd's summary: {@code 134217728 bytes (134 MB, 128 MiB) copied, 0.492 s, 273 MB/s}. */
    private static final Pattern DD = Pattern.compile("(?m)^(\\d+) bytes .*copied, (\\d+(?:\\.\\d+)?) s\\b");

    @Override
    public String name() {
        return "benchmark-once";
    }

    @Override
    public String description() {
        return "SHA-256 of " + MIB + " MiB on each target once, retried every minute until all have answered,"
                + " one CSV";
    }

    @Override
    public Schedule defaultSchedule() {
        return Schedule.singleShot();
    }

    @Override
    public List<Probe> probes(Setup setup) {
        boolean windows = setup.windowsTargets();
        Probe.Builder probe = Probe.builder(PROBE);
        if (windows) {
            probe.command("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None", "-Command",
                    WINDOWS_SCRIPT).timeout(Duration.ofMinutes(2));
        } else {
            probe.command("env", "LC_ALL=C", "sh", "-c", LINUX_SCRIPT).timeout(Duration.ofSeconds(30));
        }
        return List.of(probe.postCollector("benchmark-csv", collector(windows, setup.out())).build());
    }

    /** The coordinator itself, for the local runner only: other runners reach real machines. */
    @Override
    public Optional<TargetPool> defaultTargets(Setup setup) {
        return setup.runner() instanceof LocalRunner ? Optional.of(TargetPool.of("localhost")) : Optional.empty();
    }

    /**
     * The figures of a successful execution.
     *
     * @param bytes how many bytes were digested
     * @param seconds how long it took, as the target measured it
     */
    record Figure(long bytes, BigDecimal seconds) {
        /** @return 10^6 bytes per second, one decimal; empty if the time is 0 */
        Optional<BigDecimal> megabytesPerSecond() {
            return seconds.signum() == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(bytes)
                    .divide(seconds.multiply(BigDecimal.valueOf(1_000_000)), 1, RoundingMode.HALF_UP));
        }
    }

    /**
     * Reads the figures of a successful execution.
     *
     * @param result the execution
     * @param windows true to read the Windows command's output (standard output), false for dd's
     *     summary (standard error)
     * @return the figures
     * @throws IllegalArgumentException if the output has none, saying what was expected
     */
    static Figure figure(ExecutionResult result, boolean windows) {
        if (windows) {
            KeyValues values = KeyValueParser.of('=').parse(result.stdout().text());
            String bytes = values.text("bytes").orElse("");
            String seconds = values.text("seconds").orElse("");
            if (!bytes.matches("\\d{1,18}") || !seconds.matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("expected bytes=N and seconds=S lines, got bytes=\""
                        + ResourceSample.shorten(bytes) + "\", seconds=\"" + ResourceSample.shorten(seconds) + "\"");
            }
            return new Figure(Long.parseLong(bytes), new BigDecimal(seconds));
        }
        Matcher dd = DD.matcher(result.stderr().text());
        if (!dd.find() || dd.group(1).length() > 18) {
            throw new IllegalArgumentException("no line \"N bytes (...) copied, S s, ...\" from dd on standard error");
        }
        return new Figure(Long.parseLong(dd.group(1)), new BigDecimal(dd.group(2)));
    }

    /**
     * The post-collector: one row per answer in the experiment's {@value #FILE}.
     *
     * @param windows true to read the Windows command's output
     * @param out where a line is printed for an output that is not understood
     * @return the collector
     */
    static PostCollector collector(boolean windows, PrintStream out) {
        Object lock = new Object();
        return (ExecutionResult result, ExecutionContext context) -> {
            if (result.outcome() == Outcome.UNAVAILABLE) {
                return;
            }
            List<String> figures = List.of("", "", "");
            if (result.succeeded()) {
                try {
                    Figure figure = figure(result, windows);
                    figures = List.of(Long.toString(figure.bytes()), figure.seconds().toPlainString(),
                            figure.megabytesPerSecond().map(BigDecimal::toPlainString).orElse(""));
                } catch (IllegalArgumentException e) {
                    out.println("benchmark-once " + result.target() + ": output not understood: " + e.getMessage());
                }
            }
            long iteration = context.iterationId();
            List<String> row = new ArrayList<>(List.of(result.target().name(), Long.toString(iteration),
                    ResourceSample.utc(iteration), result.outcome().toString(),
                    result.exitCode().isPresent() ? Integer.toString(result.exitCode().getAsInt()) : ""));
            row.addAll(figures);
            Path file = Objects.requireNonNull(context.targetFolder().getParent()).resolve(FILE);
            synchronized (lock) {
                CsvFile.append(file, HEADER, List.of(row));
            }
        };
    }

    @Override
    public String toString() {
        return "BenchmarkOnce";
    }
}

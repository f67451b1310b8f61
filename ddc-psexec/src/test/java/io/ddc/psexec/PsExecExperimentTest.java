package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.PostCollectorFailure;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.files.OutputFile;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.testing.MarkedProcesses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Whole experiments through the engine and the runner, with {@link PsExecDouble} as PsExec. */
@DisabledOnOs(OS.WINDOWS)
final class PsExecExperimentTest {
    private static final String PASSWORD = "Pw-9d2f!only-here";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Experiment.Builder experiment(PsExecRunner runner, TargetPool targets, Queue<ExecutionResult> results) {
        return Experiment.builder("psexec-test")
                .targets(targets)
                .runner(runner)
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(dir.resolve("data"))
                .parallelism(targets.size())
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1))
                .listener(new ExperimentListener() {
                    @Override
                    public void executionFinished(ExecutionResult result) {
                        results.add(result);
                    }
                });
    }

    private static Completion runToTheEnd(Experiment experiment) throws InterruptedException {
        try (ExperimentRun run = experiment.start()) {
            return run.await();
        }
    }

    /**
     * A stop kills PsExec (here its double, a real process) and what it started when the grace ends,
     * records the execution as stopped and leaves nothing running. Regression: a stop waited for the
     * probe to end on its own, however long it ran.
     */
    @Test
    void stop_killsPsExecAndWhatItStarted_whenTheGraceEnds() throws Exception {
        String marker = "3632." + ProcessHandle.current().pid() + System.nanoTime() % 100_000;
        PsExecRunner runner = PsExecRunner.builder()
                .launcher(PsExecDoubles.launcher(dir, Map.of()))
                .serviceName("DDC-test")
                .build();
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Experiment experiment = experiment(runner, TargetPool.of("win01"), results)
                .grace(Duration.ofMillis(500))
                .probe(Probe.builder("hold").command("sh", "-c", "sleep " + marker + " & wait")
                        .timeout(Duration.ofHours(1)).build())
                .build();
        try {
            ExperimentRun run = experiment.start();
            assertThat(MarkedProcesses.awaitOne(marker, Duration.ofSeconds(30))).as("the probe runs").isTrue();
            run.stop();
            Completion completion = run.await();

            assertThat(completion.reason()).isEqualTo(Completion.Reason.STOPPED);
            assertThat(MarkedProcesses.awaitNone(marker, Duration.ofSeconds(10))).as("processes left").isEmpty();
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(result.failure()).map(Failure::kind).contains(Failure.Kind.STOPPED);
            });
            assertThat(Files.readString(dir.resolve("data/psexec-test/hold.trace"))).contains("|win01,|");
        } finally {
            MarkedProcesses.killAll(marker);
        }
    }

    @Test
    void hundredMegabytes_areStoredWhole_whileTheResultKeepsOnlyItsCaptureLimit() throws Exception {
        long size = 100_000_000L;
        String line = "0123456789abcdefghi\n";
        PsExecRunner runner = PsExecRunner.builder()
                .launcher(PsExecDoubles.launcher(dir, Map.of()))
                .serviceName("DDC-test")
                .build();
        Probe big = Probe.builder("big")
                .command("sh", "-c", "yes " + line.strip() + " | head -c " + size)
                .timeout(Duration.ofMinutes(2))
                .captureLimit(64 * 1024)
                .build();
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();

        runToTheEnd(experiment(runner, TargetPool.of("m01"), results).probe(big).build());

        ExecutionResult result = results.remove();
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.stdout().size()).isEqualTo(size);
        assertThat(result.stdout().capturedSize()).as("bytes kept in memory").isEqualTo(64 * 1024);
        Path stored = dir.resolve("data/psexec-test/m01/big.stdout");
        OutputFile.Index index = OutputFile.index(stored);
        assertThat(index.records()).hasSize(1);
        assertThat(index.records().get(0).length()).isEqualTo(size);
        PatternCheck check = new PatternCheck(line.getBytes(StandardCharsets.US_ASCII));
        OutputFile.copyOutput(stored, index.records().get(0), check);
        assertThat(check.checked).isEqualTo(size);
        assertThat(check.firstMismatch).as("first byte that differs").isEqualTo(-1);
    }

    /** Compares a stream with a repeated pattern without keeping it. */
    private static final class PatternCheck extends OutputStream {
        private final byte[] pattern;
        long checked;
        long firstMismatch = -1;

        PatternCheck(byte[] pattern) {
            this.pattern = pattern;
        }

        @Override
        public void write(int b) {
            if (firstMismatch < 0 && (byte) b != pattern[(int) (checked % pattern.length)]) {
                firstMismatch = checked;
            }
            checked++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }
    }

    @Test
    void password_isInNoLogLineStoredFileTraceOrExceptionText() throws Exception {
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assumeTrue(logFile != null, "skipped: the build sends log lines to a file (surefire configuration)");
        Path launcher = PsExecDoubles.launcher(dir, Map.of("double.password", PASSWORD, "double.offDelayMillis", "100"));
        PsExecRunner runner = PsExecRunner.builder()
                .launcher(launcher)
                .serviceName("DDC-test")
                .credentials(target -> Credentials.of("LAB\\ddc", PASSWORD))
                .build();
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Queue<PostCollectorFailure> collectorFailures = new ConcurrentLinkedQueue<>();
        Probe ok = Probe.builder("ok").command("sh", "-c", "echo fine; echo warn >&2").timeout(TIMEOUT)
                .postCollector("throws", (result, context) -> {
                    throw new IllegalStateException("collector saw " + result);
                })
                .build();
        Probe missing = Probe.builder("missing").command("ddc-no-such-program").timeout(TIMEOUT).build();
        Experiment experiment = experiment(runner,
                TargetPool.of("m01", "denied-m01", "off-m01", "badlogon-m01", "nosvc-m01"), results)
                .probe(ok)
                .probe(missing)
                .listener(new ExperimentListener() {
                    @Override
                    public void postCollectorFailed(PostCollectorFailure failure) {
                        collectorFailures.add(failure);
                    }
                })
                .build();

        Completion completion = runToTheEnd(experiment);

        List<String> texts = new ArrayList<>();
        texts.add(completion.toString());
        texts.add(runner.toString());
        texts.add(experiment.toString());
        results.forEach(result -> texts.add(result.toString() + result.failure()));
        collectorFailures.forEach(failure -> texts.add(failure.toString()));
        try {
            runner.validate(Probe.builder("bad").command("x", "line\nbreak").build());
        } catch (IllegalArgumentException e) {
            texts.add(e.toString());
        }
        assertThat(results).hasSize(10);
        assertThat(results).filteredOn(result -> result.outcome() == Outcome.SUCCEEDED).hasSize(1);
        assertThat(collectorFailures).as("one per result of probe ok").hasSize(5);
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("data"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("traces, outputs").hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(occurrences(file)).as("occurrences in %s", file).isZero();
        }
        Path log = Path.of(logFile);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the runner's debug line, masked")
                .contains("-u LAB\\ddc -p **** ");
        assertThat(occurrences(log)).as("occurrences in the log").isZero();
        // the search itself works: the double's launcher script does hold the password
        assertThat(occurrences(launcher)).isEqualTo(1);
    }

    private static int occurrences(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = text.indexOf(PASSWORD); at >= 0; at = text.indexOf(PASSWORD, at + 1)) {
            count++;
        }
        return count;
    }
}

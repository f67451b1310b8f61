package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.files.OutputFile;
import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.spi.Availability;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StorageTest {
    private static final long T0 = 1_081_948_390L;
    private static final int MIB = 1 << 20;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);

    private Experiment.Builder experiment(FakeRunner runner, String... targets) {
        return Experiment.builder("exp")
                .targets(TargetPool.of(targets))
                .runner(runner)
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock));
    }

    private Storage open(Probe probe, String... targets) {
        return Storage.open(experiment(FakeRunner.exitCodes(request -> 0), targets).probe(probe).build(), TestSettings.manual(clock));
    }

    private static Probe probe(String name) {
        return Probe.builder(name).command("x").build();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    private static List<String> names(Path folder) throws IOException {
        return list(folder).stream().map(path -> path.getFileName().toString()).collect(Collectors.toList());
    }

    private static ExecutionResult succeeded(String target, String probe, long iteration, ExecutionSink out,
            ExecutionSink err) {
        return new ExecutionResult(Target.of(target), probe, iteration, OptionalInt.of(0),
                out.output(), err.output(), Duration.ofMillis(7), Optional.empty());
    }

    private static void write(ExecutionSink sink, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, 0, bytes.length);
    }

    private static void store(Storage storage, Probe probe, String target, long iteration, String stdout,
            String stderr) throws IOException {
        ExecutionSink out = storage.newSink(probe);
        ExecutionSink err = storage.newSink(probe);
        write(out, stdout);
        write(err, stderr);
        out.seal();
        err.seal();
        storage.store(succeeded(target, probe.name(), iteration, out, err), out, err);
        out.discard();
        err.discard();
    }

    // ---- layout ------------------------------------------------------------------------------

    @Test
    void openCreatesTheExperimentFolderWithAnEmptySpoolFolder() throws Exception {
        Storage storage = open(probe("p"), "m01");

        assertThat(storage.folder()).isEqualTo(root.resolve("exp"));
        assertThat(names(root)).containsExactly("exp");
        assertThat(names(root.resolve("exp"))).containsExactly(".lock", ".spool");
        assertThat(list(root.resolve("exp/.spool"))).isEmpty();
    }

    @Test
    void openCreatesAStorageRootThatDoesNotExistYet() {
        Path nested = root.resolve("a/b/c");
        Storage storage = Storage.open(experiment(FakeRunner.exitCodes(request -> 0), "m01").probe(probe("p"))
                .storageRoot(nested).build(), TestSettings.manual(clock));

        assertThat(storage.folder()).isEqualTo(nested.resolve("exp"));
        assertThat(nested.resolve("exp/.spool")).isDirectory();
    }

    @Test
    void outputsGoToTargetFolderSlashProbeDotStdoutAndStderr() throws Exception {
        Probe probe = probe("cpu");
        Storage storage = open(probe, "m01", "m02");

        store(storage, probe, "m01", T0, "load 0.5\n", "");
        store(storage, probe, "m02", T0, "", "oops\n");

        String empty = "#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.007 failure=- bytes=0 reason=-\n\n";
        assertThat(names(root.resolve("exp"))).containsExactly(".lock", ".spool", "m01", "m02");
        assertThat(names(root.resolve("exp/m01"))).containsExactly("cpu.stderr", "cpu.stdout");
        assertThat(Files.readString(root.resolve("exp/m01/cpu.stdout"))).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.007 failure=- bytes=9 reason=-\nload 0.5\n\n");
        assertThat(Files.readString(root.resolve("exp/m01/cpu.stderr"))).isEqualTo(empty);
        assertThat(Files.readString(root.resolve("exp/m02/cpu.stdout"))).isEqualTo(empty);
        assertThat(Files.readString(root.resolve("exp/m02/cpu.stderr"))).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.007 failure=- bytes=5 reason=-\noops\n\n");
        assertThat(storage.layout().traceFile(probe.name())).isEqualTo(root.resolve("exp/cpu.trace"));
    }

    @Test
    void eachExecutionIsAppendedToTheCumulativeFiles() throws Exception {
        Probe probe = probe("p");
        Storage storage = open(probe, "m01");

        store(storage, probe, "m01", T0, "one\n", "");
        store(storage, probe, "m01", T0 + 60, "two\n", "");

        assertThat(Files.readString(root.resolve("exp/m01/p.stdout"))).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.007 failure=- bytes=4 reason=-\none\n\n"
                        + "#ddc1 iteration=1081948450 outcome=SUCCEEDED exit=0 elapsed=0.007 failure=- bytes=4 reason=-\ntwo\n\n");
    }

    @Test
    void anIpv6TargetsFolderUsesUnderscoresForColons() throws Exception {
        Probe probe = probe("p");
        Storage storage = open(probe, "fe80::1", "::1", "10.0.0.1");

        store(storage, probe, "fe80::1", T0, "v6\n", "");
        store(storage, probe, "::1", T0, "loopback\n", "");
        store(storage, probe, "10.0.0.1", T0, "v4\n", "");

        assertThat(storage.targetFolder(Target.of("fe80::1"))).isEqualTo(root.resolve("exp/fe80__1"));
        assertThat(names(root.resolve("exp"))).containsExactly(".lock", ".spool", "10.0.0.1", "__1", "fe80__1");
        assertThat(root.resolve("exp/fe80__1/p.stdout")).isRegularFile();
        assertThat(root.resolve("exp/__1/p.stdout")).isRegularFile();
    }

    @Test
    void spoolFilesLeftByACrashAreClearedAtOpenAndNothingElseIsTouched() throws Exception {
        Path folder = Files.createDirectories(root.resolve("exp"));
        Files.createDirectories(folder.resolve(".spool"));
        Files.write(folder.resolve(".spool/3.spool"), new byte[10_000]);
        Files.writeString(folder.resolve(".spool/17.spool"), "partial");
        Files.createDirectories(folder.resolve("m01"));
        Files.writeString(folder.resolve("m01/p.stdout"), "earlier records");
        Files.writeString(folder.resolve("p.trace"), "earlier lines\n");

        open(probe("p"), "m01");

        assertThat(list(folder.resolve(".spool"))).isEmpty();
        assertThat(Files.readString(folder.resolve("m01/p.stdout"))).isEqualTo("earlier records");
        assertThat(Files.readString(folder.resolve("p.trace"))).isEqualTo("earlier lines\n");
    }

    @Test
    void aStorageRootThatIsARegularFileIsRefusedAndNothingIsCreated() throws Exception {
        Path file = Files.writeString(root.resolve("data"), "not a folder");
        Experiment experiment = experiment(FakeRunner.exitCodes(request -> 0), "m01").probe(probe("p"))
                .storageRoot(file).build();

        assertThatThrownBy(() -> Storage.open(experiment, TestSettings.manual(clock))).isInstanceOf(DdcException.class)
                .hasMessage("storage root " + file + " is not a folder: choose another storage root");
        assertThat(names(root)).containsExactly("data");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void aTargetNamedLikeAProbesTraceFile_isRefusedBeforeAnythingIsWritten() {
        Experiment experiment = experiment(FakeRunner.exitCodes(request -> 0), "m01", "LOAD.trace").probe(probe("load"))
                .build();

        assertThatThrownBy(() -> Storage.open(experiment, TestSettings.manual(clock))).isInstanceOf(DdcException.class)
                .hasMessage("experiment 'exp': target 'LOAD.trace' would have the name of the trace file of probe"
                        + " 'load': rename the probe");
        assertThat(root.resolve("exp")).doesNotExist();
    }

    @Test
    void anExperimentFolderThatIsARegularFileIsRefused() throws Exception {
        Path file = Files.writeString(root.resolve("exp"), "not a folder");
        Experiment experiment = experiment(FakeRunner.exitCodes(request -> 0), "m01").probe(probe("p")).build();

        assertThatThrownBy(() -> Storage.open(experiment, TestSettings.manual(clock))).isInstanceOf(DdcException.class)
                .hasMessage("the experiment folder " + file + " is a file, not a folder: move it away, or choose another"
                        + " experiment name or storage root");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void startingAnExperimentOnAFileRootFailsBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(root.resolve("data"), "not a folder");
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        Experiment experiment = experiment(runner, "m01").probe(probe("p")).storageRoot(file)
                .schedule(Schedule.periodic(Duration.ofSeconds(1)).withMaxIterations(1)).build();

        assertThatThrownBy(experiment::start).isInstanceOf(DdcException.class)
                .hasMessage("storage root " + file + " is not a folder: choose another storage root");
        assertThat(runner.calls()).isEmpty();
        assertThat(names(root)).containsExactly("data");
    }

    @Test
    void aStoredProbesSinkSpoolsUnderDotSpoolAndAnUnstoredOneNever() throws Exception {
        Probe stored = Probe.builder("stored").command("x").captureLimit(4).build();
        Probe unstored = Probe.builder("unstored").command("x").captureLimit(4).storeOutput(false).build();
        Storage storage = Storage.open(experiment(FakeRunner.exitCodes(request -> 0), "m01").probe(stored)
                .probe(unstored).build(), TestSettings.manual(clock));
        Path spool = root.resolve("exp/.spool");

        ExecutionSink quiet = storage.newSink(unstored);
        write(quiet, "much more than four bytes");
        quiet.seal();
        assertThat(list(spool)).isEmpty();

        ExecutionSink loud = storage.newSink(stored);
        write(loud, "much more than four bytes");
        loud.seal();
        assertThat(list(spool)).hasSize(1);
        loud.discard();
        assertThat(list(spool)).isEmpty();
    }

    @Test
    void aSecondStorageOnTheSameExperimentFolderIsRefusedWhileTheFirstIsInUse() throws Exception {
        Probe probe = Probe.builder("p").command("x").captureLimit(4).build();
        Storage first = open(probe, "m01");
        ExecutionSink spooling = first.newSink(probe);
        write(spooling, "more than four bytes");

        assertThatThrownBy(() -> open(probe, "m01")).isInstanceOf(DdcException.class)
                .hasMessageContaining(root.resolve("exp").toString());
        assertThat(list(root.resolve("exp/.spool"))).hasSize(1);
    }

    // ---- end to end through an experiment ------------------------------------------------------

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((i * 7) ^ (i >>> 9));
        }
        return bytes;
    }

    private static void print(OutputStream sink, byte[] bytes, int chunk) {
        try {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                sink.write(bytes, offset, Math.min(chunk, bytes.length - offset));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExperimentListener collectingInto(List<ExecutionResult> results) {
        return new ExperimentListener() {
            @Override
            public void executionFinished(ExecutionResult result) {
                results.add(result);
            }
        };
    }

    @Test
    void aThreeMebibyteOutputIsCapturedUpToTheLimitAndStoredWhole() throws Exception {
        byte[] output = pattern(3 * MIB);
        Map<String, Integer> spoolFilesWhileRunning = new ConcurrentHashMap<>();
        Path spool = root.resolve("exp/.spool");
        FakeRunner runner = new FakeRunner(request -> {
            // 10,000-byte chunks: the capture limit falls inside a write
            print(request.stdout(), output, 10_000);
            print(request.stderr(), "done\n".getBytes(StandardCharsets.US_ASCII), 5);
            try {
                spoolFilesWhileRunning.put(request.probe().name(), list(spool).size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return RunResult.exited(0);
        });
        List<ExecutionResult> results = Collections.synchronizedList(new ArrayList<>());
        Completion completion = experiment(runner, "m01").probe(probe("big"))
                .listener(collectingInto(results))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1))
                .build().start().await();

        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(results).hasSize(1);
        Output stdout = results.get(0).stdout();
        assertThat(stdout.capturedSize()).isEqualTo(Probe.DEFAULT_CAPTURE_LIMIT).isEqualTo(MIB);
        assertThat(stdout.size()).isEqualTo(3L * MIB);
        assertThat(stdout.isTruncated()).isTrue();
        assertThat(stdout.bytes()).isEqualTo(Arrays.copyOf(output, MIB));
        assertThat(results.get(0).stderr().text()).isEqualTo("done\n");
        assertThat(spoolFilesWhileRunning).containsEntry("big", 1);

        Path file = root.resolve("exp/m01/big.stdout");
        OutputFile.Index index = OutputFile.index(file);
        assertThat(index.problem()).isEmpty();
        assertThat(index.records()).hasSize(1);
        assertThat(index.records().get(0).length()).isEqualTo(3L * MIB);
        assertThat(OutputFile.readOutput(file, index.records().get(0))).isEqualTo(output);
        assertThat(list(spool)).isEmpty();
    }

    @Test
    void aProbeThatDoesNotStoreItsOutputLeavesNoOutputFilesAndNeverSpools() throws Exception {
        byte[] output = pattern(2 * MIB);
        Map<String, Integer> spoolFilesWhileRunning = new ConcurrentHashMap<>();
        Path spool = root.resolve("exp/.spool");
        FakeRunner runner = new FakeRunner(request -> {
            print(request.stdout(), output, 65_536);
            print(request.stderr(), output, 65_536);
            try {
                spoolFilesWhileRunning.put(request.probe().name(), list(spool).size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return RunResult.exited(0);
        });
        List<ExecutionResult> results = Collections.synchronizedList(new ArrayList<>());
        experiment(runner, "m01", "m02")
                .probe(Probe.builder("quiet").command("x").storeOutput(false).build())
                .availabilityCheck(target -> target.name().equals("m02") ? Availability.unavailable("off")
                        : Availability.available())
                .listener(collectingInto(results))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2))
                .build().start().await();

        assertThat(results).extracting(ExecutionResult::outcome)
                .containsExactlyInAnyOrder(Outcome.SUCCEEDED, Outcome.UNAVAILABLE, Outcome.SUCCEEDED, Outcome.UNAVAILABLE);
        assertThat(results).filteredOn(ExecutionResult::succeeded)
                .allSatisfy(result -> assertThat(result.stdout().size()).isEqualTo(2L * MIB));
        assertThat(spoolFilesWhileRunning).containsEntry("quiet", 0);
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> !name.isEmpty()))
                    .containsExactlyInAnyOrder("exp", "exp/.lock", "exp/.spool", "exp/.state", "exp/quiet.trace");
        }
    }

    @Test
    void noSpoolFileIsLeftAfterARunWhateverHowTheExecutionsEnded() throws Exception {
        byte[] output = pattern(100_000);
        FakeRunner runner = new FakeRunner(request -> {
            print(request.stdout(), output, 4096);
            print(request.stderr(), output, 4096);
            switch (request.target().name()) {
                case "ok":
                    return RunResult.exited(0);
                case "rejected":
                    return RunResult.exited(5);
                case "slow":
                    return RunResult.timedOut(Duration.ofSeconds(1));
                default:
                    throw new IllegalStateException("runner broke");
            }
        });
        List<ExecutionResult> results = Collections.synchronizedList(new ArrayList<>());
        experiment(runner, "ok", "rejected", "slow", "broken")
                .probe(Probe.builder("p").command("x").captureLimit(1000).build())
                .listener(collectingInto(results))
                .parallelism(4)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2))
                .build().start().await();

        assertThat(results).hasSize(8);
        assertThat(list(root.resolve("exp/.spool"))).isEmpty();
        for (String target : List.of("ok", "rejected", "slow", "broken")) {
            Path file = root.resolve("exp").resolve(target).resolve("p.stdout");
            OutputFile.Index index = OutputFile.index(file);
            assertThat(index.problem()).isEmpty();
            assertThat(index.records()).extracting(OutputFile.Record::length).containsExactly(100_000L, 100_000L);
            assertThat(OutputFile.readOutput(file, index.records().get(1))).isEqualTo(output);
        }
    }
}

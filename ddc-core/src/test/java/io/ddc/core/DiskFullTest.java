package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.files.TraceReader;
import io.ddc.files.StateFile;
import io.ddc.files.OutputFile;
import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.TraceLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails (a full disk) stops the experiment cleanly: {@code await()} throws an error
 * that names the file, what was written stays readable, and no engine thread is left. The failures
 * are injected through the storage's {@link ChannelOpener}, since the tests run as root, where
 * read-only files do not fail; one test uses the kernel's own {@code /dev/full} where it exists.
 */
final class DiskFullTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);

    private Path folder() {
        return root.resolve("exp");
    }

    private Experiment experiment(FakeRunner runner, long iterations) {
        return Experiment.builder("exp")
                .targets(TargetPool.of("a", "b", "c"))
                .probe(Probe.builder("p").command("x").build())
                .runner(runner)
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(iterations))
                .build();
    }

    private static FaultyChannels failing(Path base, String file, int goodWrites) {
        return FaultyChannels.failing(base, path -> path.endsWith(file), goodWrites);
    }

    private static void assertNoEngineThreadIsLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("ddc-exp-"));
    }

    private List<TraceLine> traceLines() throws IOException {
        List<String> problems = new ArrayList<>();
        List<TraceLine> lines = new ArrayList<>();
        TraceReader.read(folder().resolve("p.trace"), lines::add, problems::add);
        assertThat(problems).isEmpty();
        return lines;
    }

    private OutputFile.Index cleanIndex(String file) throws IOException {
        OutputFile.Index index = OutputFile.index(folder().resolve(file));
        assertThat(index.problem()).as(file).isEmpty();
        assertThat(index.validLength()).isEqualTo(index.fileLength());
        return index;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFullDiskWhileStoringAnOutputStopsTheExperimentNamingTheFile() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        ExperimentRun run = ScheduledRun.start(experiment(runner, 3), TestSettings.manual(clock), failing(root, "b/p.stdout", 1));

        assertThatThrownBy(run::await).isInstanceOf(DdcException.class)
                .hasMessage("experiment 'exp' stopped: cannot append to " + folder().resolve("b/p.stdout")
                        + ": No space left on device");

        assertNoEngineThreadIsLeft();
        assertThat(run.isDone()).isTrue();
        // no target starts after the failure: c is not visited in the second iteration
        assertThat(runner.calls()).containsExactly(T0 + ":a:p", T0 + ":b:p", T0 + ":c:p", (T0 + 60) + ":a:p",
                (T0 + 60) + ":b:p");
        // the half-written record was cut back, and the execution was stored in neither file
        assertThat(cleanIndex("b/p.stdout").records()).hasSize(1);
        assertThat(cleanIndex("b/p.stderr").records()).hasSize(1);
        assertThat(cleanIndex("a/p.stdout").records()).hasSize(2);
        assertThat(traceLines()).extracting(TraceLine::iterationId, TraceLine::succeeded).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T0, List.of("a", "b", "c")),
                org.assertj.core.groups.Tuple.tuple(T0 + 60, List.of("a")));
        assertThat(Files.readString(folder().resolve(".state"))).contains("\nlast-iteration=" + T0 + "\n");
        assertThat(names()).doesNotContain(".state.tmp");

        // the folder is free again, and once there is room the experiment resumes after the last id
        Completion completion = experiment(runner, 1).start().await();
        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(traceLines()).extracting(TraceLine::iterationId).containsExactly(T0, T0 + 60, T0 + 120);
    }

    @Test
    void aFullDiskWhileWritingATraceLineKeepsTheTraceParseable() throws Exception {
        ExperimentRun run = ScheduledRun.start(experiment(FakeRunner.exitCodes(request -> 0), 3), TestSettings.manual(clock),
                failing(root, "p.trace", 1));

        assertThatThrownBy(run::await).isInstanceOf(DdcException.class)
                .hasMessage("experiment 'exp' stopped: cannot append to trace file " + folder().resolve("p.trace")
                        + ": No space left on device");

        assertNoEngineThreadIsLeft();
        assertThat(traceLines()).extracting(TraceLine::iterationId).containsExactly(T0);
        assertThat(Files.readString(folder().resolve("p.trace"))).endsWith("|\n");
        assertThat(cleanIndex("c/p.stdout").records()).hasSize(2);
    }

    @Test
    void aFullDiskWhileWritingTheStateKeepsTheOldState() throws Exception {
        // the state is written once at the start and once after each iteration
        ExperimentRun run = ScheduledRun.start(experiment(FakeRunner.exitCodes(request -> 0), 3), TestSettings.manual(clock),
                failing(root, ".state.tmp", 2));

        assertThatThrownBy(run::await).isInstanceOf(DdcException.class)
                .hasMessage("experiment 'exp' stopped: cannot write the experiment state file "
                        + folder().resolve(".state") + ": No space left on device");

        assertNoEngineThreadIsLeft();
        assertThat(names()).doesNotContain(".state.tmp");
        assertThat(StateFile.read(folder().resolve(".state")).orElseThrow().lastIteration()).hasValue(T0);
        assertThat(traceLines()).extracting(TraceLine::iterationId).containsExactly(T0, T0 + 60);
    }

    @Test
    void aFullDiskAtTheStartRefusesToStartAndFreesTheFolder() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);

        assertThatThrownBy(() -> ScheduledRun.start(experiment(runner, 1), TestSettings.manual(clock), failing(root, ".state.tmp", 0)))
                .isInstanceOf(DdcException.class)
                .hasMessage("cannot start experiment 'exp' in " + folder() + ": cannot write the experiment state file "
                        + folder().resolve(".state") + ": No space left on device");

        assertThat(runner.calls()).isEmpty();
        assertNoEngineThreadIsLeft();
        assertThat(experiment(runner, 1).start().await().iterations()).isEqualTo(1);
    }

    @Test
    void theKernelsDevFullStopsTheExperimentNamingTheFile() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "skipped: no writable /dev/full on this system");
        Files.createDirectories(folder().resolve("b"));
        Path link = Files.createSymbolicLink(folder().resolve("b/p.stdout"), full);
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);

        ExperimentRun run = experiment(runner, 3).start();

        assertThatThrownBy(run::await).isInstanceOf(DdcException.class)
                .hasMessage("experiment 'exp' stopped: cannot append to " + folder().resolve("b/p.stdout")
                        + ": No space left on device");
        assertNoEngineThreadIsLeft();
        assertThat(runner.calls()).containsExactly(T0 + ":a:p", T0 + ":b:p");
        assertThat(traceLines()).extracting(TraceLine::iterationId, TraceLine::succeeded)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, List.of("a")));
        Files.delete(link);
    }
}

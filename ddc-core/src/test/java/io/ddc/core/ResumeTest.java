package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ddc.files.TraceReader;
import io.ddc.files.OutputFile;
import io.ddc.testing.ManualClock;
import io.ddc.testing.LogCapture;
import io.ddc.Completion;
import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.TraceLine;
import io.ddc.spi.Availability;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting an experiment on a folder that already holds one: resume, refusal, fresh start, repairs. */
final class ResumeTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);

    private Experiment.Builder experiment(FakeRunner runner, String... targets) {
        return experiment(runner, new FakeSleeper(clock), targets);
    }

    private Experiment.Builder experiment(FakeRunner runner, FakeSleeper sleeper, String... targets) {
        return Experiment.builder("exp")
                .targets(TargetPool.of(targets))
                .runner(runner)
                .storageRoot(root)
                .clock(clock)
                .sleeper(sleeper);
    }

    private static Probe probe(String name) {
        return Probe.builder(name).command("probe-" + name).build();
    }

    private Path folder() {
        return root.resolve("exp");
    }

    private List<Long> traceIds(String probe) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        TraceReader.read(folder().resolve(probe + ".trace"), line -> ids.add(line.iterationId()), problems::add);
        assertThat(problems).as("problems in %s.trace", probe).isEmpty();
        return ids;
    }

    private String state() throws IOException {
        return Files.readString(folder().resolve(".state"), StandardCharsets.US_ASCII);
    }

    /** Counts, from the stored headers, the SUCCEEDED records of each target for a probe. */
    private Map<String, Long> succeededRecords(String probe, String... targets) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String target : targets) {
            OutputFile.Index index = OutputFile.index(folder().resolve(target).resolve(probe + ".stdout"));
            assertThat(index.problem()).isEmpty();
            counts.put(target, index.records().stream().filter(r -> r.outcome() == Outcome.SUCCEEDED).count());
        }
        return counts;
    }

    /** Every file under the folder but the lock, with its content. */
    private Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (!file.getFileName().toString().equals(".lock")) {
                    files.put(folder.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // ---- periodic -----------------------------------------------------------------------------

    @Test
    void aResumedPeriodicExperimentKeepsItsPhaseAndMakesUpNoMissedSlot() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2)).build().start().await();
        // the coordinator is down for 1,000 s: 16 slots go by
        clock.advance(Duration.ofSeconds(1000));
        FakeSleeper sleeper = new FakeSleeper(clock);

        Completion completion = experiment(runner, sleeper, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2)).build().start().await();

        assertThat(completion.iterations()).isEqualTo(2);
        assertThat(traceIds("p")).containsExactly(T0, T0 + 60, T0 + 1080, T0 + 1140);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(60));
        assertThat(state()).contains("\nphase=2004-04-14T13:13:10Z\nlast-iteration=" + (T0 + 1140) + "\n");
    }

    @Test
    void aRestartWithinTheLastIterationsSlotWaitsForTheNextSlot() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        FakeSleeper sleeper = new FakeSleeper(clock);

        experiment(runner, sleeper, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();

        assertThat(traceIds("p")).containsExactly(T0, T0 + 60);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void idsKeepIncreasingWhenTheClockWasSetBackBeforeARestart() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2)).build().start().await();
        clock.set(clock.instant().minusSeconds(560));
        FakeSleeper sleeper = new FakeSleeper(clock);

        experiment(runner, sleeper, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2)).build().start().await();

        // the clock reads T0 - 500: the grid's next slot is T0 - 480, at most one interval away
        assertThat(traceIds("p")).containsExactly(T0, T0 + 60, T0 + 61, T0 + 62);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    // ---- single-shot --------------------------------------------------------------------------

    @Test
    void aResumedSingleShotExperimentRunsOnlyThePairsThatHaveNotSucceeded() throws Exception {
        FakeRunner first = FakeRunner.exitCodes(request -> request.target().name().equals("b") ? 1 : 0);
        Completion one = experiment(first, "a", "b", "c").probe(probe("p"))
                .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        assertThat(one.pairsNeverSucceeded()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));

        FakeRunner second = FakeRunner.exitCodes(request -> 0);
        Completion two = experiment(second, "a", "b", "c").probe(probe("p"))
                .schedule(Schedule.singleShot()).build().start().await();

        assertThat(second.calls()).containsExactly((T0 + 600) + ":b:p");
        assertThat(two.reason()).isEqualTo(Completion.Reason.ALL_SUCCEEDED);
        assertThat(two.iterations()).isEqualTo(1);
        assertThat(two.pairsNeverSucceeded()).isZero();
        assertThat(state()).contains("\nsucceeded=p a,b,c,\n");

        FakeRunner third = FakeRunner.exitCodes(request -> 0);
        Completion three = experiment(third, "a", "b", "c").probe(probe("p"))
                .schedule(Schedule.singleShot()).build().start().await();

        assertThat(third.calls()).isEmpty();
        assertThat(three.reason()).isEqualTo(Completion.Reason.ALL_SUCCEEDED);
        assertThat(three.iterations()).isZero();
        assertThat(traceIds("p")).containsExactly(T0, T0 + 600);
        assertThat(succeededRecords("p", "a", "b", "c")).containsExactly(Map.entry("a", 1L), Map.entry("b", 1L),
                Map.entry("c", 1L));
    }

    @Test
    void aPairStoredAsSucceededAfterTheLastStateIsNotRunAgain() throws Exception {
        FakeRunner first = FakeRunner.exitCodes(request -> 0);
        experiment(first, "a", "b").probe(probe("p"))
                .availabilityCheck(target -> target.name().equals("b") ? Availability.unavailable("off")
                        : Availability.available())
                .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        byte[] stateBefore = Files.readAllBytes(folder().resolve(".state"));
        byte[] traceBefore = Files.readAllBytes(folder().resolve("p.trace"));
        clock.advance(Duration.ofMinutes(1));
        experiment(FakeRunner.exitCodes(request -> 0), "a", "b").probe(probe("p"))
                .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        // a crash after b's records of iteration T0 + 60 were stored, before its trace line and state
        Files.write(folder().resolve(".state"), stateBefore);
        Files.write(folder().resolve("p.trace"), traceBefore);
        clock.advance(Duration.ofMinutes(1));

        FakeRunner third = FakeRunner.exitCodes(request -> 0);
        Completion completion = experiment(third, "a", "b").probe(probe("p"))
                .schedule(Schedule.singleShot()).build().start().await();

        assertThat(third.calls()).isEmpty();
        assertThat(completion.allSucceeded()).isTrue();
        assertThat(succeededRecords("p", "a", "b")).containsExactly(Map.entry("a", 1L), Map.entry("b", 1L));
        assertThat(state()).contains("\nlast-iteration=" + (T0 + 60) + "\n").contains("\nsucceeded=p a,b,\n");
        // b's success is in a trace line, the one written from its record: the report counts it
        assertThat(TraceReader.readAll(folder().resolve("p.trace"))).extracting(TraceLine::iterationId,
                TraceLine::succeeded).containsExactly(tuple(T0, List.of("a")), tuple(T0 + 60, List.of("b")));
    }

    // ---- interrupted iterations -----------------------------------------------------------------

    /**
     * Regression: after a kill, the pairs that succeeded in the killed iteration were skipped on
     * resume and no trace line ever named them, so a report showed them at 0 %.
     */
    @Test
    void theRecordsOfAnInterruptedIteration_getTheirTraceLine_beforeAnyNewIteration() throws Exception {
        Probe p = probe("p");
        Probe q = probe("q");
        experiment(FakeRunner.exitCodes(request -> 0), "a", "b", "c").probe(p).probe(q)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        byte[] stateBefore = Files.readAllBytes(folder().resolve(".state"));
        byte[] pBefore = Files.readAllBytes(folder().resolve("p.trace"));
        byte[] qBefore = Files.readAllBytes(folder().resolve("q.trace"));
        clock.advance(Duration.ofMinutes(1));
        experiment(FakeRunner.exitCodes(request -> request.target().name().equals("b") ? 1 : 0), "a", "b", "c")
                .probe(p).probe(q)
                .availabilityCheck(target -> target.name().equals("c") ? Availability.unavailable("off")
                        : Availability.available())
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        // the coordinator of iteration T0 + 60 was killed after p's records of a and b and q's record of a were
        // stored: take away what came after (c's records, b's q record, the trace lines and the state)
        Files.write(folder().resolve(".state"), stateBefore);
        Files.write(folder().resolve("p.trace"), pBefore);
        Files.write(folder().resolve("q.trace"), qBefore);
        for (String file : List.of("c/p.stdout", "c/p.stderr", "c/q.stdout", "c/q.stderr")) {
            cutLastRecord(folder().resolve(file));
        }
        cutLastRecord(folder().resolve("b/q.stdout"));
        cutLastRecord(folder().resolve("b/q.stderr"));
        Files.setLastModifiedTime(folder().resolve("b/p.stdout"), FileTime.fromMillis((T0 + 60) * 1000 + 4_200));
        Files.setLastModifiedTime(folder().resolve("a/p.stdout"), FileTime.fromMillis((T0 + 60) * 1000 + 1_100));
        clock.advance(Duration.ofMinutes(1));

        List<String> warnings;
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            experiment(FakeRunner.exitCodes(request -> 0), "a", "b", "c").probe(p).probe(q)
                    .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
            warnings = log.warnings();
        }

        List<TraceLine> pLines = TraceReader.readAll(folder().resolve("p.trace"));
        assertThat(pLines).extracting(TraceLine::iterationId).containsExactly(T0, T0 + 60, T0 + 120);
        TraceLine recovered = pLines.get(1);
        assertThat(recovered.succeeded()).containsExactly("a");
        assertThat(recovered.failed()).containsExactly("b");
        assertThat(recovered.unavailable()).as("c was not visited before the kill").isEmpty();
        assertThat(recovered.elapsed()).as("from the iteration's start to its last stored record")
                .isEqualTo(Duration.ofMillis(4_200));
        assertThat(TraceReader.readAll(folder().resolve("q.trace"))).extracting(TraceLine::iterationId,
                TraceLine::succeeded, TraceLine::failed).containsExactly(tuple(T0, List.of("a", "b", "c"), List.of()),
                        tuple(T0 + 60, List.of("a"), List.of()), tuple(T0 + 120, List.of("a", "b", "c"), List.of()));
        assertThat(warnings).contains("experiment 'exp': iteration " + (T0 + 60) + " of probe 'p' was interrupted"
                + " before its trace line was written (the coordinator stopped); its line was written now from the 2"
                + " record(s) stored: 1 succeeded, 1 failed, 0 unavailable");
    }

    @Test
    void aProbeWhoseTraceLineWasWritten_getsNoSecondLine() throws Exception {
        experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        byte[] qBefore = Files.readAllBytes(folder().resolve("q.trace"));
        clock.advance(Duration.ofMinutes(1));
        experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        // killed between the trace lines of p and q
        Files.write(folder().resolve("q.trace"), qBefore);
        clock.advance(Duration.ofMinutes(1));

        experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();

        assertThat(traceIds("p")).containsExactly(T0, T0 + 60, T0 + 120);
        assertThat(traceIds("q")).containsExactly(T0, T0 + 60, T0 + 120);
    }

    @Test
    void aResumeWithAnotherPool_saysWhichTargetsWereAddedAndRemoved() throws Exception {
        experiment(FakeRunner.exitCodes(request -> 0), "a", "b", "c").probe(probe("p"))
                .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        clock.advance(Duration.ofMinutes(1));

        List<String> warnings;
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            experiment(FakeRunner.exitCodes(request -> 0), "a", "d").probe(probe("p"))
                    .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
            warnings = log.warnings();
        }

        assertThat(warnings).contains("experiment 'exp' resumes with another target pool: 1 target(s) added (d), 2"
                + " removed (b, c); their earlier files stay in the folder");
        assertThat(state()).contains("\ntargets=a,d,\n");
    }

    /** Cuts a file back to before its last record, as if the coordinator had died before writing it. */
    private static void cutLastRecord(Path file) throws IOException {
        List<OutputFile.Record> records = OutputFile.index(file).records();
        long keep = 0;
        if (records.size() > 1) {
            OutputFile.Record previous = records.get(records.size() - 2);
            keep = previous.offset() + previous.length() + 1;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
    }

    @Test
    void aCrashBetweenTheStdoutAndStderrRecordsRunsThePairAgainAndItSucceedsOnce() throws Exception {
        experiment(FakeRunner.exitCodes(request -> 1), "a").probe(probe("p"))
                .schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        // iteration T0 + 30 stored its stdout record, then the coordinator died
        Files.writeString(folder().resolve("a/p.stdout"), "#ddc1 iteration=" + (T0 + 30)
                + " outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=3\nok\n\n", StandardOpenOption.APPEND);
        clock.advance(Duration.ofMinutes(1));

        FakeRunner second = FakeRunner.exitCodes(request -> 0);
        Completion completion = experiment(second, "a").probe(probe("p"))
                .schedule(Schedule.singleShot()).build().start().await();

        assertThat(second.calls()).containsExactly((T0 + 60) + ":a:p");
        assertThat(completion.allSucceeded()).isTrue();
        assertThat(succeededRecords("p", "a")).containsExactly(Map.entry("a", 1L));
        assertThat(OutputFile.index(folder().resolve("a/p.stderr")).records()).hasSize(2);
    }

    // ---- other probes, fresh start, damaged state --------------------------------------------

    @Test
    void aFolderMadeWithOtherProbesIsRefusedAndLeftUntouched() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        Map<String, String> before = snapshot(folder());
        FakeRunner other = FakeRunner.exitCodes(request -> 0);
        Experiment changed = experiment(other, "a")
                .probe(Probe.builder("p").command("other", "arg").build()).probe(probe("r"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build();

        assertThatThrownBy(changed::start).isInstanceOf(DdcException.class)
                .hasMessage("experiment folder " + folder() + " was made with other probes (probe 'p' ran [probe-p],"
                        + " now [other, arg]; probe 'r' is new; probe 'q' is gone): use another experiment name or"
                        + " storage root, or freshStart(true) (the launcher's --fresh-start) to move the earlier data aside and start over");
        assertThat(other.calls()).isEmpty();
        assertThat(snapshot(folder())).isEqualTo(before);

        // the refused start released the folder, and the same probes in another order are welcome
        Completion completion = experiment(runner, "a").probe(probe("q")).probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(traceIds("q")).containsExactly(T0, T0 + 60);
    }

    @Test
    void aFreshStartMovesTheEarlierFolderAsideAndStartsOver() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        Map<String, String> before = snapshot(folder());
        clock.advance(Duration.ofSeconds(100));

        Completion completion = experiment(runner, "a").probe(probe("other")).freshStart(true)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();

        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(names(root)).containsExactly("exp", "exp.before-20040414T131450Z");
        assertThat(snapshot(root.resolve("exp.before-20040414T131450Z"))).isEqualTo(before);
        assertThat(names(folder())).containsExactly(".lock", ".spool", ".state", "a", "other.trace");
        assertThat(traceIds("other")).containsExactly(T0 + 100);
        assertThat(state()).contains("\nphase=2004-04-14T13:14:50Z\n");

        experiment(runner, "a").probe(probe("p")).freshStart(true)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();

        assertThat(names(root)).containsExactly("exp", "exp.before-20040414T131450Z", "exp.before-20040414T131450Z-2");
    }

    @Test
    void aFreshStartOnAFolderWithoutDataMovesNothing() throws Exception {
        Files.createDirectories(folder().resolve(".spool"));

        experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("p")).freshStart(true)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();

        assertThat(names(root)).containsExactly("exp");
        assertThat(traceIds("p")).containsExactly(T0);
    }

    @Test
    void aDamagedStateFileIsRefusedNamingItUntilAFreshStart() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        Path state = folder().resolve(".state");
        Files.write(state, new byte[64]);
        FakeRunner second = FakeRunner.exitCodes(request -> 0);
        Experiment again = experiment(second, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build();

        assertThatThrownBy(again::start).isInstanceOf(DdcException.class)
                .hasMessage("experiment state file " + state + " is damaged (line 1: unexpected byte 0x00); nothing was"
                        + " changed: remove it to resume from the trace files, or start with freshStart(true) (the launcher's --fresh-start) to move"
                        + " the folder aside and start over");
        assertThat(second.calls()).isEmpty();
        assertThat(Files.readAllBytes(state)).isEqualTo(new byte[64]);

        experiment(second, "a").probe(probe("p")).freshStart(true)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        assertThat(second.calls()).hasSize(1);
    }

    // ---- folders without a state file (an earlier version) ----------------------------------

    @Test
    void aFolderWithoutStateIsResumedFromItsTraceFiles() throws Exception {
        Probe unstored = Probe.builder("p").command("probe-p").storeOutput(false).build();
        experiment(FakeRunner.exitCodes(request -> request.target().name().equals("b") ? 1 : 0), "a", "b")
                .probe(unstored).schedule(Schedule.singleShot().withMaxIterations(1)).build().start().await();
        Files.delete(folder().resolve(".state"));

        FakeRunner second = FakeRunner.exitCodes(request -> 0);
        Completion completion = experiment(second, "a", "b").probe(unstored)
                .schedule(Schedule.singleShot()).build().start().await();

        // only the trace line says that a succeeded: the probe stores no output
        assertThat(second.calls()).containsExactly((T0 + 1) + ":b:p");
        assertThat(completion.allSucceeded()).isTrue();
        assertThat(traceIds("p")).containsExactly(T0, T0 + 1);
        assertThat(state()).contains("\nphase=2004-04-14T13:13:10Z\n");
    }

    @Test
    void aFolderWithoutStateButWithTraceFilesOfOtherProbesIsRefused() throws Exception {
        experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        Files.delete(folder().resolve(".state"));
        Experiment other = experiment(FakeRunner.exitCodes(request -> 0), "a").probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build();

        assertThatThrownBy(other::start).isInstanceOf(DdcException.class)
                .hasMessage("experiment folder " + folder() + " has no state file, and its trace files are of the"
                        + " probes [p], not [q]: use another experiment name or storage root, or freshStart(true) (the launcher's --fresh-start) to"
                        + " move the earlier data aside and start over");
    }

    // ---- torn files ---------------------------------------------------------------------------

    @Test
    void tornOutputAndTraceTailsAreCutBackAtStartReportedAndReadersAreFine() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build().start().await();
        Path stdout = folder().resolve("a/p.stdout");
        Path stderr = folder().resolve("a/p.stderr");
        long stdoutLength = Files.size(stdout);
        long stderrLength = Files.size(stderr);
        long traceLength = Files.size(folder().resolve("p.trace"));
        Files.writeString(stdout, "#ddc1 iteration=1081948450 outcome=SUCC", StandardOpenOption.APPEND);
        Files.write(stderr, new byte[300], StandardOpenOption.APPEND);
        Files.writeString(folder().resolve("p.trace"), "1081948450|1|0|0|1", StandardOpenOption.APPEND);
        Files.write(folder().resolve("q.trace"), new byte[512], StandardOpenOption.APPEND);
        Experiment again = experiment(runner, "a").probe(probe("p")).probe(probe("q"))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1)).build();

        List<String> warnings;
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            again.start().await();
            warnings = log.warnings();
        }

        assertThat(warnings).contains(
                "output file " + stdout + ": cut back to the end of its last complete record, " + stdoutLength
                        + " bytes kept and 39 bytes cut (incomplete header at byte " + stdoutLength
                        + " (39 bytes after the last complete record))",
                "output file " + stderr + ": cut back to the end of its last complete record, " + stderrLength
                        + " bytes kept and 300 bytes cut (not a record header at byte " + stderrLength
                        + " (300 bytes after the last complete record))",
                "trace file " + folder().resolve("p.trace") + ": cut back to the end of its last complete line, "
                        + traceLength + " bytes kept and 18 bytes cut (a partial last line left by an interrupted"
                        + " write)");
        for (Path file : List.of(stdout, stderr)) {
            OutputFile.Index index = OutputFile.index(file);
            assertThat(index.problem()).isEmpty();
            assertThat(index.records()).extracting(OutputFile.Record::iterationId).containsExactly(T0, T0 + 60);
        }
        assertThat(traceIds("p")).containsExactly(T0, T0 + 60);
        assertThat(traceIds("q")).containsExactly(T0, T0 + 60);
        assertThat(TraceReader.readAll(folder().resolve("q.trace"))).extracting(TraceLine::succeeded)
                .containsOnly(List.of("a"));
    }
}

package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.NextIteration;
import io.ddc.IterationStart;
import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.TraceLine;
import io.ddc.spi.Availability;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExperimentRunTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    private Experiment.Builder experiment(FakeRunner runner, String... targets) {
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

    private static AvailabilityCheck offline(String... names) {
        List<String> off = List.of(names);
        return target -> off.contains(target.name()) ? Availability.unavailable("switched off") : Availability.available();
    }

    private List<String> traceLines(String probe) throws Exception {
        return Files.readAllLines(root.resolve("exp").resolve(probe + ".trace"), StandardCharsets.UTF_8);
    }

    @Test
    void traceLinesAreExactWhateverTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            FakeRunner runner = new FakeRunner(request -> {
                clock.advance(Duration.ofMillis(1234));
                boolean fails = request.probe().name().equals("cpu") && request.target().name().equals("m03");
                return RunResult.exited(fails ? 1 : 0);
            });
            Completion completion = experiment(runner, "m01", "m02", "m03", "m04")
                    .probe(probe("cpu"))
                    .probe(probe("disk"))
                    .availabilityCheck(offline("m04"))
                    .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2))
                    .build().start().await();

            assertThat(completion.iterations()).isEqualTo(2);
            assertThat(completion.reason()).isEqualTo(Completion.Reason.MAX_ITERATIONS);
            byte[] cpu = Files.readAllBytes(root.resolve("exp/cpu.trace"));
            assertThat(new String(cpu, StandardCharsets.US_ASCII)).isEqualTo(
                    "1081948390|2|1|1|50.0|7.4|m01,m02,|m03,|m04,|\n"
                            + "1081948450|2|1|1|50.0|7.4|m01,m02,|m03,|m04,|\n");
            assertThat(traceLines("disk")).containsExactly(
                    "1081948390|3|0|1|75.0|7.4|m01,m02,m03,| |m04,|",
                    "1081948450|3|0|1|75.0|7.4|m01,m02,m03,| |m04,|");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aProbeThatSucceedsEverywhereHasSingleSpaceLists() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a", "b").probe(probe("p")).schedule(Schedule.periodic(Duration.ofSeconds(5))
                .withMaxIterations(1)).build().start().await();

        assertThat(traceLines("p")).containsExactly(T0 + "|2|0|0|100.0|0.0|a,b,| | |");
    }

    @Test
    void listenersHearWhenTheNextIterationIsDue_beforeEachWait() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(3))
                .listener(new ExperimentListener() {
                    @Override
                    public void iterationFinished(IterationSummary summary) {
                        events.add("finished " + summary.iterationId());
                    }

                    @Override
                    public void waitingForNextIteration(NextIteration next) {
                        events.add("next " + next.start().getEpochSecond());
                    }
                })
                .build().start().await();

        assertThat(events).containsExactly("finished " + T0, "next " + (T0 + 10), "finished " + (T0 + 10),
                "next " + (T0 + 20), "finished " + (T0 + 20));
    }

    @Test
    void iterationIdsIncreaseWhenTheClockStalls() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        Completion completion = experiment(runner, "a").probe(probe("p"))
                .sleeper(duration -> { })
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(3))
                .build().start().await();

        assertThat(completion.iterations()).isEqualTo(3);
        assertThat(ids(traceLines("p"))).containsExactly(T0, T0 + 1, T0 + 2);
    }

    @Test
    void iterationIdsIncreaseWhenTheClockStepsBack() throws Exception {
        FakeRunner runner = new FakeRunner(request -> {
            clock.advance(Duration.ofSeconds(-100));
            return RunResult.exited(0);
        });
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(3))
                .build().start().await();

        List<Long> ids = ids(traceLines("p"));
        assertThat(ids).hasSize(3);
        assertThat(ids.get(1)).isGreaterThan(ids.get(0));
        assertThat(ids.get(2)).isGreaterThan(ids.get(1));
    }

    private static List<Long> ids(List<String> lines) {
        return lines.stream().map(line -> TraceLine.parse(line).iterationId()).collect(Collectors.toList());
    }

    @Test
    void atMostParallelismTargetsAreVisitedAtOnce() throws Exception {
        CyclicBarrier threeAtOnce = new CyclicBarrier(3);
        FakeRunner runner = new FakeRunner(request -> {
            try {
                threeAtOnce.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return RunResult.runnerFailure("barrier: " + e);
            }
            return RunResult.exited(0);
        });
        String[] targets = IntStream.rangeClosed(1, 12).mapToObj(i -> "t" + i).toArray(String[]::new);
        Completion completion = experiment(runner, targets).probe(probe("p")).parallelism(3)
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(1))
                .build().start().await();

        assertThat(runner.maxInProgress()).isEqualTo(3);
        assertThat(completion.pairsNeverSucceeded()).isZero();
    }

    @Test
    void parallelismOneVisitsTargetsOneAfterTheOtherInPoolOrder() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "c", "a", "b").probe(probe("p1")).probe(probe("p2")).parallelism(1)
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(1))
                .build().start().await();

        assertThat(runner.maxInProgress()).isEqualTo(1);
        assertThat(runner.calls()).containsExactly(
                T0 + ":c:p1", T0 + ":c:p2", T0 + ":a:p1", T0 + ":a:p2", T0 + ":b:p1", T0 + ":b:p2");
    }

    @Test
    void anUnavailableTargetIsNeverHandedToTheRunner() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        List<ExecutionResult> results = Collections.synchronizedList(new ArrayList<>());
        experiment(runner, "up", "down").probe(probe("p1")).probe(probe("p2"))
                .availabilityCheck(offline("down"))
                .listener(new ExperimentListener() {
                    @Override
                    public void executionFinished(ExecutionResult result) {
                        results.add(result);
                    }
                })
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(1))
                .build().start().await();

        assertThat(runner.calls()).containsExactly(T0 + ":up:p1", T0 + ":up:p2");
        assertThat(results).filteredOn(r -> r.target().name().equals("down"))
                .extracting(ExecutionResult::outcome, r -> r.failure().orElseThrow().message())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Outcome.UNAVAILABLE, "switched off"),
                        org.assertj.core.groups.Tuple.tuple(Outcome.UNAVAILABLE, "switched off"));
    }

    @Test
    void anOverrunIsFollowedByTheMinimumGapAndNoCatchUp() throws Exception {
        AtomicInteger call = new AtomicInteger();
        FakeRunner runner = new FakeRunner(request -> {
            clock.advance(call.incrementAndGet() == 1 ? Duration.ofSeconds(25) : Duration.ofSeconds(1));
            return RunResult.exited(0);
        });
        experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMinimumGap(Duration.ofSeconds(2))
                        .withMaxIterations(4))
                .build().start().await();

        // 0: runs 25 s and overruns slots 10 and 20; 27: after the 2 s gap; 30 and 40: back on the grid
        assertThat(ids(traceLines("p"))).containsExactly(T0, T0 + 27, T0 + 30, T0 + 40);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(9));
    }

    @Test
    void nextStartFollowsTheGridUnlessTheSlotWasOverrun() {
        Instant t0 = Instant.ofEpochSecond(T0);
        Duration interval = Duration.ofSeconds(10);
        Duration gap = Duration.ofSeconds(1);
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0, t0.plusSeconds(3))).isEqualTo(t0.plusSeconds(10));
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0, t0.plusSeconds(10))).isEqualTo(t0.plusSeconds(10));
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0, t0.plusSeconds(35))).isEqualTo(t0.plusSeconds(36));
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0.plusSeconds(36), t0.plusSeconds(37)))
                .isEqualTo(t0.plusSeconds(40));
    }

    @Test
    void nextStartStaysOnTheGridBeforeT0() {
        Instant t0 = Instant.ofEpochSecond(T0);
        Duration interval = Duration.ofSeconds(10);
        Duration gap = Duration.ofSeconds(1);
        // a resumed schedule whose clock was set back before its phase
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0.minusSeconds(25), t0.minusSeconds(24)))
                .isEqualTo(t0.minusSeconds(20));
        assertThat(ScheduledRun.nextStart(t0, interval, gap, t0.minusSeconds(30), t0.minusSeconds(29)))
                .isEqualTo(t0.minusSeconds(20));
    }

    @Test
    void firstSlotOfAResumedScheduleIsTheNextSlotOfTheOldGridAtMostOneIntervalAway() {
        Instant phase = Instant.ofEpochMilli(T0 * 1000 + 500);
        Duration minute = Duration.ofMinutes(1);
        OptionalLong none = OptionalLong.empty();
        assertThat(ScheduledRun.firstSlot(phase, minute, phase.plusSeconds(1000), none))
                .isEqualTo(phase.plusSeconds(1020));
        assertThat(ScheduledRun.firstSlot(phase, minute, phase.plusSeconds(1020), none))
                .isEqualTo(phase.plusSeconds(1020));
        assertThat(ScheduledRun.firstSlot(phase, minute, phase.minusSeconds(1000), none))
                .isEqualTo(phase.minusSeconds(960));
        // the last iteration started in this very slot (its id is the slot's second): the next one
        assertThat(ScheduledRun.firstSlot(phase, minute, phase.plusSeconds(60), OptionalLong.of(T0 + 60)))
                .isEqualTo(phase.plusSeconds(120));
        // ids ahead of the clock (it was set back) do not push the slot further
        assertThat(ScheduledRun.firstSlot(phase, minute, phase.plusSeconds(50), OptionalLong.of(T0 + 5000)))
                .isEqualTo(phase.plusSeconds(60));
    }

    @Test
    void regression_aSleepThatEndsEarlyDoesNotShrinkTheIntervalToTheMinimumGap() throws Exception {
        FakeRunner runner = new FakeRunner(request -> {
            clock.advance(Duration.ofMillis(200));
            return RunResult.exited(0);
        });
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        experiment(runner, "a").probe(probe("p"))
                .sleeper(duration -> {
                    sleeps.add(duration);
                    clock.advance(duration.minusMillis(1));
                })
                .schedule(Schedule.periodic(Duration.ofSeconds(2)).withMinimumGap(Duration.ofSeconds(1))
                        .withMaxIterations(3))
                .build().start().await();

        // slots at 0, 2 and 4 s; waking 1 ms early must not turn the slot at 2 s into an overrun
        assertThat(sleeps).containsExactly(Duration.ofMillis(1800), Duration.ofMillis(1801));
    }

    @Test
    void singleShotRerunsOnlyThePairsNotYetSucceededAndStopsWhenAllHave() throws Exception {
        AtomicInteger iteration = new AtomicInteger();
        FakeRunner runner = FakeRunner.exitCodes(request ->
                request.target().name().equals("b") && request.iterationId() == T0 ? 1 : 0);
        AvailabilityCheck cComesUpThird = target -> target.name().equals("c") && iteration.get() < 3
                ? Availability.unavailable("off") : Availability.available();
        Completion completion = experiment(runner, "a", "b", "c").probe(probe("p"))
                .availabilityCheck(cComesUpThird)
                .listener(new ExperimentListener() {
                    @Override
                    public void iterationStarted(IterationStart start) {
                        iteration.incrementAndGet();
                    }
                })
                .schedule(Schedule.singleShot().withInterval(Duration.ofSeconds(30)))
                .build().start().await();

        assertThat(completion.reason()).isEqualTo(Completion.Reason.ALL_SUCCEEDED);
        assertThat(completion.iterations()).isEqualTo(3);
        assertThat(completion.allSucceeded()).isTrue();
        assertThat(runner.calls()).containsExactly(T0 + ":a:p", T0 + ":b:p", (T0 + 30) + ":b:p", (T0 + 60) + ":c:p");
        assertThat(traceLines("p")).containsExactly(
                T0 + "|1|1|1|33.3|0.0|a,|b,|c,|",
                (T0 + 30) + "|1|0|1|50.0|0.0|b,| |c,|",
                (T0 + 60) + "|1|0|0|100.0|0.0|c,| | |");
    }

    @Test
    void singleShotWithAnIterationLimitReportsThePairsThatNeverSucceeded() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> request.target().name().equals("b") ? 2 : 0);
        Completion completion = experiment(runner, "a", "b").probe(probe("p1")).probe(probe("p2"))
                .schedule(Schedule.singleShot().withMaxIterations(3))
                .build().start().await();

        assertThat(completion.reason()).isEqualTo(Completion.Reason.MAX_ITERATIONS);
        assertThat(completion.pairsNeverSucceeded()).isEqualTo(2);
        assertThat(runner.calls()).filteredOn(call -> call.contains(":a:")).hasSize(2);
        assertThat(runner.calls()).filteredOn(call -> call.contains(":b:")).hasSize(6);
    }

    @Test
    void theDeadlineEndsTheExperimentBeforeASlotPastIt() throws Exception {
        FakeRunner runner = new FakeRunner(request -> {
            clock.advance(Duration.ofSeconds(1));
            return RunResult.exited(0);
        });
        Completion completion = experiment(runner, "a").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofSeconds(30)).withDeadline(Duration.ofSeconds(100)))
                .build().start().await();

        assertThat(completion.reason()).isEqualTo(Completion.Reason.DEADLINE);
        assertThat(ids(traceLines("p"))).containsExactly(T0, T0 + 30, T0 + 60, T0 + 90);
    }

    @Test
    void stopDuringAnIterationFinishesTheRunningExecutionAndWritesTheTraceLine() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeRunner runner = new FakeRunner(request -> {
            firstRunning.countDown();
            release.await();
            return RunResult.exited(0);
        });
        var run = experiment(runner, "a", "b", "c").probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofSeconds(30)))
                .build().start();
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        run.stop();
        release.countDown();
        Completion completion = run.await();

        assertThat(completion.reason()).isEqualTo(Completion.Reason.STOPPED);
        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(runner.calls()).containsExactly(T0 + ":a:p");
        assertThat(traceLines("p")).containsExactly(T0 + "|1|0|0|100.0|0.0|a,| | |");
    }

    @Test
    void stopWakesTheSchedulerFromItsSleep() throws Exception {
        CountDownLatch firstIterationDone = new CountDownLatch(1);
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        var run = Experiment.builder("exp").targets(TargetPool.of("a")).runner(runner).storageRoot(root)
                .probe(probe("p"))
                .schedule(Schedule.periodic(Duration.ofHours(1)))
                .listener(new ExperimentListener() {
                    @Override
                    public void iterationFinished(IterationSummary summary) {
                        firstIterationDone.countDown();
                    }
                })
                .build().start();
        assertThat(firstIterationDone.await(10, TimeUnit.SECONDS)).isTrue();
        run.stop();

        assertThat(run.await(Duration.ofSeconds(10))).hasValueSatisfying(completion -> {
            assertThat(completion.reason()).isEqualTo(Completion.Reason.STOPPED);
            assertThat(completion.iterations()).isEqualTo(1);
        });
        assertThat(run.isDone()).isTrue();
    }

    @Test
    void theExperimentsThreadsAreGoneWhenAwaitReturns() throws Exception {
        FakeRunner runner = FakeRunner.exitCodes(request -> 0);
        experiment(runner, "a", "b", "c", "d").probe(Probe.builder("p").command("x")
                        .postCollector((result, context) -> { }).build())
                .parallelism(4)
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(3))
                .build().start().await();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("ddc-exp-"));
    }
}

package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.IterationSummary;
import io.ddc.Outcome;
import io.ddc.PostCollectorFailure;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PostCollectionTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);

    private Experiment.Builder experiment(List<PostCollectorFailure> failures, String... targets) {
        return Experiment.builder("pc")
                .targets(TargetPool.of(targets))
                .runner(FakeRunner.exitCodes(request -> 0))
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .postCollectorThreads(4)
                .listener(new ExperimentListener() {
                    @Override
                    public void postCollectorFailed(PostCollectorFailure failure) {
                        failures.add(failure);
                    }
                });
    }

    @Test
    void aCollectorThatThrowsAndOneThatHangsAreReportedAndTheExperimentCompletes() throws Exception {
        List<PostCollectorFailure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean hungOnce = new AtomicBoolean();
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger laterCalls = new AtomicInteger();
        Probe throwing = Probe.builder("throwing").command("x")
                .postCollector("explodes", (result, context) -> {
                    throw new IllegalStateException("parse error in " + result.target());
                })
                .build();
        Probe hanging = Probe.builder("hanging").command("x")
                .postCollector("hangs", (result, context) -> {
                    if (hungOnce.compareAndSet(false, true)) {
                        never.await();
                    }
                    laterCalls.incrementAndGet();
                })
                .build();
        Completion completion = experiment(failures, "m1")
                .probe(throwing)
                .probe(hanging)
                .postCollectorTimeout(Duration.ofMillis(200))
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(3))
                .build().start().await();

        assertThat(completion.iterations()).isEqualTo(3);
        assertThat(failures).filteredOn(f -> !f.timedOut())
                .extracting(PostCollectorFailure::collector, PostCollectorFailure::message)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("explodes",
                        "java.lang.IllegalStateException: parse error in m1"))
                .hasSize(3);
        assertThat(failures).filteredOn(PostCollectorFailure::timedOut)
                .extracting(PostCollectorFailure::collector, PostCollectorFailure::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hangs",
                        "did not return within 200 ms and was interrupted"));
        // the hung call was interrupted (it does not count), and the chain went on with the later results
        assertThat(laterCalls.get()).isEqualTo(2);
    }

    /**
     * README: post-collectors run "never on the path of remote executions". A collector that blocks
     * until the test releases it must not hold up one execution: both iterations run, time and
     * record all their executions, and write their trace lines while it is still blocked in its
     * first call. Latches, not sleeps; the wait for the iterations is only a bound, so that an engine
     * that does wait for its collectors fails here instead of hanging.
     */
    @Test
    void aBlockedCollector_holdsUpNoExecution_theIterationsEndAndTimeTheirExecutionsBeforeItIsReleased()
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> collected = Collections.synchronizedList(new ArrayList<>());
        Probe probe = Probe.builder("p").command("x")
                .postCollector("blocks", (result, context) -> {
                    entered.countDown();
                    release.await();
                    collected.add(result.target().name() + "@" + result.iterationId());
                })
                .build();
        FakeRunner runner = new FakeRunner(request -> {
            clock.advance(Duration.ofSeconds(3));
            return RunResult.exited(0);
        });
        List<ExecutionResult> executed = Collections.synchronizedList(new ArrayList<>());
        List<IterationSummary> iterations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothIterations = new CountDownLatch(2);
        Experiment blocked = Experiment.builder("pc")
                .targets(TargetPool.of("a", "b", "c"))
                .runner(runner)
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .parallelism(1)
                .postCollectorThreads(1)
                .postCollectorTimeout(Duration.ofHours(1))
                .probe(probe)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(2))
                .listener(new ExperimentListener() {
                    @Override
                    public void executionFinished(ExecutionResult result) {
                        executed.add(result);
                    }

                    @Override
                    public void iterationFinished(IterationSummary summary) {
                        iterations.add(summary);
                        bothIterations.countDown();
                    }
                })
                .build();

        Completion completion;
        try (ExperimentRun run = blocked.start()) {
            try {
                assertThat(bothIterations.await(30, TimeUnit.SECONDS))
                        .as("both iterations ended while the collector was blocked in its first call").isTrue();
                assertThat(entered.getCount()).as("the collector was called").isZero();
                assertThat(collected).as("no collector call has returned yet").isEmpty();
                assertThat(executed).hasSize(6).allSatisfy(result -> {
                    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
                    assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(3));
                });
                assertThat(iterations).extracting(IterationSummary::elapsed, IterationSummary::succeeded)
                        .containsExactly(tuple(Duration.ofSeconds(9), 3), tuple(Duration.ofSeconds(9), 3));
            } finally {
                release.countDown();
            }
            completion = run.await();
        }

        assertThat(completion.iterations()).isEqualTo(2);
        assertThat(collected).containsExactlyInAnyOrder("a@" + T0, "b@" + T0, "c@" + T0,
                "a@" + (T0 + 60), "b@" + (T0 + 60), "c@" + (T0 + 60));
    }

    @Test
    void eachPairReachesItsCollectorInIterationOrderWhileOtherPairsRunConcurrently() throws Exception {
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Probe probe = Probe.builder("p").command("x")
                .postCollector("order", (result, context) -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                        seen.computeIfAbsent(result.target().name(), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(context.iterationId());
                        assertThat(context.iterationId()).isEqualTo(result.iterationId());
                        assertThat(context.experiment()).isEqualTo("pc");
                        assertThat(context.targetFolder()).isEqualTo(root.resolve("pc").resolve(result.target().name()));
                        assertThat(Files.isDirectory(context.targetFolder())).isTrue();
                    } finally {
                        concurrent.decrementAndGet();
                    }
                })
                .build();
        List<PostCollectorFailure> failures = Collections.synchronizedList(new ArrayList<>());
        experiment(failures, "a", "b", "c", "d", "e", "f").probe(probe).parallelism(3)
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(20))
                .build().start().await();

        assertThat(failures).isEmpty();
        assertThat(seen).hasSize(6);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(T0 + 10L * i);
        }
        seen.values().forEach(ids -> assertThat(ids).containsExactlyElementsOf(expected));
        assertThat(maxConcurrent.get()).isBetween(1, 4);
    }

    @Test
    void collectorsOfAProbeRunInTheirDeclaredOrder() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Probe probe = Probe.builder("p").command("x")
                .postCollector((result, context) -> calls.add("first " + result.iterationId()))
                .postCollector((result, context) -> calls.add("second " + result.iterationId()))
                .build();
        experiment(new ArrayList<>(), "a").probe(probe)
                .schedule(Schedule.periodic(Duration.ofSeconds(10)).withMaxIterations(2))
                .build().start().await();

        assertThat(calls).containsExactly("first " + T0, "second " + T0, "first " + (T0 + 10), "second " + (T0 + 10));
    }
}

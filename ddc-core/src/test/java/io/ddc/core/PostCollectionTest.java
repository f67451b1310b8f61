package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.PostCollectorFailure;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
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

package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.IterationStart;
import io.ddc.testing.ManualClock;
import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.IterationSummary;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 iterations with a fast fake runner and a manual clock: the coordinator's threads, open file
 * descriptors and heap after a full GC stay flat between the 100th and the 1,000th iteration, and
 * no result of the first 100 iterations is still held by the engine at the 1,000th.
 *
 * <p>Why weak references for the results rather than a tighter heap bound: a result here takes about
 * 140 bytes, so an engine that kept every one (8 per iteration) grows the heap by about 1 MiB over
 * 900 iterations (5.2 to 6.3 MiB, measured), inside the noise of heap-after-GC (class loading,
 * JIT-compiled code's metadata, JUnit's state); a bound or a slope fitted to such samples needs
 * either a threshold that lets that through or many more iterations. A weak reference answers per
 * result, with no threshold: after a full GC it is cleared unless something still holds the result.
 * The check runs during the run, at the 1,000th iteration, so that a leak that lasts only as long
 * as the run (a list in the scheduler, say) is caught as well as one that outlives it.
 */
final class SoakTest {
    private static final int ITERATIONS = 1000;
    private static final int EARLY = 100;
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");
    /** Descriptors the JVM may open meanwhile for its own needs (class loading, logging). */
    private static final int FD_SLACK = 5;
    /** Heap noise after a full GC: class loading, JIT-compiled code's metadata, JUnit's own state. */
    private static final long HEAP_SLACK = 8L << 20;
    private static final List<String> TARGETS = List.of("m01", "m02", "m03", "m04");
    /**
     * The post-collector must have reached this many iterations past the checked ones on every
     * target before the check: until its call for a result has ended, post-collection rightly holds
     * that result.
     */
    private static final int COLLECTOR_LAG = 10;
    /** A bound, not a timing: how long the check waits for the post-collector to get that far. */
    private static final Duration COLLECTOR_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    /** Prints a line per execution and succeeds, except every seventh execution of probe b. */
    private static final class QuickRunner implements RemoteRunner {
        @Override
        public String name() {
            return "quick";
        }

        @Override
        public RunResult run(ExecutionRequest request) {
            try {
                request.stdout().write((request.probe().name() + " on " + request.target().name() + " in "
                        + request.iterationId() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return RunResult.runnerFailure(e.toString());
            }
            boolean fail = request.probe().name().equals("b") && request.iterationId() % 7 == 0;
            return RunResult.exited(fail ? 1 : 0);
        }
    }

    /** Threads, descriptors and heap at one moment. */
    private record Sample(long threads, long openFiles, long heapBytes) {
        static Sample take() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !thread.getName().startsWith("process reaper"))
                    .count();
            long files;
            try (Stream<Path> entries = Files.list(OPEN_FILES)) {
                files = entries.count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime runtime = Runtime.getRuntime();
            return new Sample(threads, files, runtime.totalMemory() - runtime.freeMemory());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d threads, %d open files, %.1f MiB heap", threads, openFiles,
                    heapBytes / 1048576.0);
        }
    }

    /**
     * Samples at the EARLY-th and the last iteration, and holds a weak reference to each result of
     * the first EARLY iterations, as the listener gets it; at the last iteration it counts those the
     * engine still holds. The samples and counts are written on the scheduler's thread and read after
     * {@code await()}.
     */
    private static final class Watcher implements ExperimentListener {
        final List<Sample> samples = new ArrayList<>();
        final Queue<WeakReference<ExecutionResult>> earlyResults = new ConcurrentLinkedQueue<>();
        boolean collectorCaughtUp;
        int earlyStillHeld = -1;
        private final Set<String> collectorPast = ConcurrentHashMap.newKeySet();
        private final CountDownLatch collectorPastAll = new CountDownLatch(TARGETS.size());
        private volatile int started;
        private volatile long lagIterationId = Long.MAX_VALUE;
        private int finished;

        @Override
        public void iterationStarted(IterationStart start) {
            started++;
            if (started == EARLY + COLLECTOR_LAG) {
                lagIterationId = start.iterationId();
            }
        }

        @Override
        public void executionFinished(ExecutionResult result) {
            if (started <= EARLY) {
                earlyResults.add(new WeakReference<>(result));
            }
        }

        /** Called by the post-collector: each pair's results reach it in iteration order. */
        void collected(ExecutionResult result) {
            if (result.iterationId() >= lagIterationId && collectorPast.add(result.target().name())) {
                collectorPastAll.countDown();
            }
        }

        @Override
        public void iterationFinished(IterationSummary summary) {
            finished++;
            if (finished == EARLY) {
                samples.add(Sample.take());
            } else if (finished == ITERATIONS) {
                try {
                    collectorCaughtUp = collectorPastAll.await(COLLECTOR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                samples.add(Sample.take());
                earlyStillHeld = (int) earlyResults.stream().filter(reference -> reference.get() != null).count();
            }
        }
    }

    @Test
    void thousandIterations_threadsDescriptorsAndHeapStayFlat_andOldResultsAreReleased() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "skipped: no " + OPEN_FILES + " on this system");
        ManualClock clock = ManualClock.atEpochSecond(1_700_000_000L);
        Watcher watcher = new Watcher();
        Experiment experiment = Experiment.builder("soak")
                .targets(TargetPool.of(TARGETS))
                .probe(Probe.builder("a").command("a")
                        .postCollector((result, context) -> {
                            result.stdout().text();
                            watcher.collected(result);
                        })
                        .build())
                .probe(Probe.builder("b").command("b").build())
                .runner(new QuickRunner())
                .availabilityCheck(AvailabilityCheck.always())
                .parallelism(2)
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(ITERATIONS))
                .listener(watcher)
                .build();

        Completion completion;
        try (ExperimentRun run = experiment.start()) {
            completion = run.await();
        }

        assertThat(completion.iterations()).isEqualTo(ITERATIONS);
        assertThat(watcher.samples).hasSize(2);
        Sample early = watcher.samples.get(0);
        Sample late = watcher.samples.get(1);
        System.out.println("soak: after " + EARLY + " iterations " + early + "; after " + ITERATIONS + " " + late);
        assertThat(late.threads()).as("threads").isLessThanOrEqualTo(early.threads());
        assertThat(late.openFiles()).as("open files").isLessThanOrEqualTo(early.openFiles() + FD_SLACK);
        assertThat(late.heapBytes()).as("heap after GC").isLessThanOrEqualTo(early.heapBytes() + HEAP_SLACK);
        assertThat(watcher.collectorCaughtUp).as("the post-collector reached iteration %d on every target within %s",
                EARLY + COLLECTOR_LAG, COLLECTOR_WAIT).isTrue();
        assertThat(watcher.earlyResults).as("results of the first %d iterations", EARLY)
                .hasSize(EARLY * TARGETS.size() * 2);
        assertThat(watcher.earlyStillHeld).as("results of the first %d iterations still held after %d iterations"
                + " and a full GC", EARLY, ITERATIONS).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).as("engine threads after the run")
                .noneMatch(thread -> thread.getName().startsWith("ddc-soak-"));
        assertThat(Files.readAllLines(root.resolve("soak/a.trace"))).hasSize(ITERATIONS);
    }
}

package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.testing.ManualClock;
import io.ddc.Completion;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 iterations with a fast fake runner and a manual clock: the coordinator's threads, open file
 * descriptors and heap after a full GC stay flat between the 100th and the 1,000th iteration.
 */
final class SoakTest {
    private static final int ITERATIONS = 1000;
    private static final int EARLY = 100;
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");
    /** Descriptors the JVM may open meanwhile for its own needs (class loading, logging). */
    private static final int FD_SLACK = 5;
    /** Heap noise after a full GC: class loading, JIT-compiled code's metadata, JUnit's own state. */
    private static final long HEAP_SLACK = 8L << 20;

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

    @Test
    void thousandIterations_threadsDescriptorsAndHeapStayFlat() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "skipped: no " + OPEN_FILES + " on this system");
        ManualClock clock = ManualClock.atEpochSecond(1_700_000_000L);
        List<Sample> samples = new ArrayList<>();
        Experiment experiment = Experiment.builder("soak")
                .targets(TargetPool.of("m01", "m02", "m03", "m04"))
                .probe(Probe.builder("a").command("a").postCollector((result, context) -> result.stdout().text()).build())
                .probe(Probe.builder("b").command("b").build())
                .runner(new QuickRunner())
                .availabilityCheck(AvailabilityCheck.always())
                .parallelism(2)
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(ITERATIONS))
                .listener(new ExperimentListener() {
                    private int finished;

                    @Override
                    public void iterationFinished(IterationSummary summary) {
                        finished++;
                        if (finished == EARLY || finished == ITERATIONS) {
                            samples.add(Sample.take());
                        }
                    }
                })
                .build();

        Completion completion;
        try (ExperimentRun run = experiment.start()) {
            completion = run.await();
        }

        assertThat(completion.iterations()).isEqualTo(ITERATIONS);
        assertThat(samples).hasSize(2);
        Sample early = samples.get(0);
        Sample late = samples.get(1);
        System.out.println("soak: after " + EARLY + " iterations " + early + "; after " + ITERATIONS + " " + late);
        assertThat(late.threads()).as("threads").isLessThanOrEqualTo(early.threads());
        assertThat(late.openFiles()).as("open files").isLessThanOrEqualTo(early.openFiles() + FD_SLACK);
        assertThat(late.heapBytes()).as("heap after GC").isLessThanOrEqualTo(early.heapBytes() + HEAP_SLACK);
        assertThat(Thread.getAllStackTraces().keySet()).as("engine threads after the run")
                .noneMatch(thread -> thread.getName().startsWith("ddc-soak-"));
        assertThat(Files.readAllLines(root.resolve("soak/a.trace"))).hasSize(ITERATIONS);
    }
}

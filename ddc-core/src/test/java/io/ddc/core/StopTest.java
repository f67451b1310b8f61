package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.files.TraceReader;
import io.ddc.files.OutputFile;
import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.TraceLine;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.testing.LiveThreads;
import io.ddc.testing.MarkedProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExperimentRun#stop()} while executions run: nothing new starts, the running executions get
 * the grace, those still running then are killed with what they started and are FAILED with the
 * reason "stopped", the trace lines are written, and nothing is left running. Regression: a stop
 * let {@code sleep 3632} run on, and wrote no trace line and no record until it ended.
 */
@EnabledOnOs(OS.LINUX)
final class StopTest {
    @TempDir
    Path root;

    /** A unique argument of this test's processes, to find them as {@code pgrep -f} would. */
    private final String marker = "3632." + ProcessHandle.current().pid() + System.nanoTime() % 100_000;

    @AfterEach
    void leaveNothingRunning() {
        MarkedProcesses.killAll(marker);
    }

    private Experiment.Builder experiment(Duration grace, Queue<ExecutionResult> results, String... targets) {
        return Experiment.builder("stop")
                .targets(TargetPool.of(targets))
                .runner(LocalRunner.create())
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(root)
                .grace(grace)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1))
                .listener(new ExperimentListener() {
                    @Override
                    public void executionFinished(ExecutionResult result) {
                        results.add(result);
                    }
                });
    }

    /** A probe that starts a child that sleeps for an hour, so the whole tree must be killed. */
    private Probe sleeper(String name) {
        return Probe.builder(name).command("sh", "-c", "sleep " + marker + " & wait").timeout(Duration.ofHours(2))
                .build();
    }

    @Test
    void stop_killsTheRunningTreeWhenTheGraceEnds_andRecordsItAsStopped() throws Exception {
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Experiment experiment = experiment(Duration.ofMillis(300), results, "m01", "m02", "m03")
                .probe(sleeper("long")).probe(Probe.builder("after").command("true").build())
                .build();

        ExperimentRun run = experiment.start();
        assertThat(MarkedProcesses.awaitOne(marker, Duration.ofSeconds(20))).as("the probe runs").isTrue();
        long stoppedAt = System.nanoTime();
        run.stop();
        Completion completion = run.await();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

        assertThat(completion.reason()).isEqualTo(Completion.Reason.STOPPED);
        assertThat(tookMillis).as("the stop waits for the grace, then the kill, not for the probe").isLessThan(20_000);
        assertThat(MarkedProcesses.awaitNone(marker, Duration.ofSeconds(5))).as("processes left").isEmpty();
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.target().name()).isEqualTo("m01");
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.failure()).map(Failure::kind).contains(Failure.Kind.STOPPED);
            assertThat(result.failure()).map(Failure::message).contains("stopped: still running when the grace of"
                    + " 300 ms after the stop ended, so it was killed");
        });
        List<TraceLine> lines = TraceReader.readAll(root.resolve("stop/long.trace"));
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.failed()).containsExactly("m01");
            assertThat(line.succeeded()).isEmpty();
            assertThat(line.unavailable()).as("targets not visited are in no list").isEmpty();
        });
        assertThat(TraceReader.readAll(root.resolve("stop/after.trace"))).as("a probe that never ran: an empty line")
                .singleElement().satisfies(line -> assertThat(line.succeeded().size() + line.failed().size()
                        + line.unavailable().size()).isZero());
        OutputFile.Index index = OutputFile.index(root.resolve("stop/m01/long.stdout"));
        assertThat(index.records()).singleElement().satisfies(record -> {
            assertThat(record.failure()).contains(Failure.Kind.STOPPED);
            assertThat(record.reason()).startsWith("stopped: ");
        });
        assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("ddc-stop-"), Duration.ofSeconds(5)))
                .isEmpty();
    }

    @Test
    void anExecutionThatEndsWithinTheGrace_keepsItsOwnOutcome() throws Exception {
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Path started = root.resolve("started-m01");
        Probe shortOne = Probe.builder("short").command("sh", "-c", "touch \"$0/started-$DDC_TARGET\"; sleep 2;"
                + " echo done", root.toString()).build();
        Experiment experiment = experiment(Duration.ofSeconds(30), results, "m01", "m02").probe(shortOne).build();

        ExperimentRun run = experiment.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(started) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(started).as("m01's probe runs").exists();
        run.stop();
        run.await();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.target().name()).isEqualTo("m01");
            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(result.stdout().text()).isEqualTo("done\n");
        });
        assertThat(TraceReader.readAll(root.resolve("stop/short.trace"))).singleElement()
                .satisfies(line -> assertThat(line.succeeded()).containsExactly("m01"));
    }

    @Test
    void aZeroGrace_killsAtOnce() throws Exception {
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Experiment experiment = experiment(Duration.ZERO, results, "m01").probe(sleeper("long")).build();

        ExperimentRun run = experiment.start();
        assertThat(MarkedProcesses.awaitOne(marker, Duration.ofSeconds(20))).isTrue();
        run.stop();
        run.await();

        assertThat(results).singleElement().satisfies(result ->
                assertThat(result.failure()).map(Failure::message).contains("stopped: still running when the grace"
                        + " of 0 s after the stop ended, so it was killed"));
        assertThat(MarkedProcesses.awaitNone(marker, Duration.ofSeconds(5))).isEmpty();
    }

    /** A runner that holds the execution until it is interrupted, as the SPI asks of a long remote command. */
    @Test
    void everyParallelExecution_isInterrupted_andTheNextIterationNeverStarts() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        RemoteRunner blocking = new RemoteRunner() {
            @Override
            public String name() {
                return "blocking";
            }

            @Override
            public RunResult run(ExecutionRequest request) throws InterruptedException {
                started.countDown();
                new CountDownLatch(1).await();
                return RunResult.exited(0);
            }
        };
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        Experiment experiment = experiment(Duration.ofMillis(100), results, "m01", "m02", "m03", "m04")
                .runner(blocking).parallelism(3).schedule(Schedule.periodic(Duration.ofMinutes(1)))
                .probe(Probe.builder("p").command("x").build()).build();

        ExperimentRun run = experiment.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        run.stop();
        Completion completion = run.await();

        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(results).hasSize(3).allSatisfy(result ->
                assertThat(result.failure()).map(Failure::kind).contains(Failure.Kind.STOPPED));
        assertThat(TraceReader.readAll(root.resolve("stop/p.trace"))).singleElement()
                .satisfies(line -> assertThat(line.failed()).containsExactlyInAnyOrder("m01", "m02", "m03"));
    }
}

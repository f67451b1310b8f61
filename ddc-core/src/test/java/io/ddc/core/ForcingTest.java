package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.ManualClock;
import io.ddc.ExecutionResult;
import io.ddc.Durability;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the engine forces what to disk, as the storage's channels see it: output files before the
 * trace lines that name their executions, the trace lines before the state, and with
 * {@code Durability.EACH_EXECUTION} each execution's files before anyone hears of it; with
 * {@code Durability.OPERATING_SYSTEM} the output files never.
 */
final class ForcingTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochSecond(T0);

    private Experiment.Builder experiment(FaultyChannels channels) {
        return Experiment.builder("exp")
                .targets(TargetPool.of("m01"))
                .probe(Probe.builder("p1").command("x").build())
                .probe(Probe.builder("p2").command("y").build())
                .runner(FakeRunner.exitCodes(request -> 0))
                .storageRoot(root)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1))
                .listener(new ExperimentListener() {
                    @Override
                    public void executionFinished(ExecutionResult result) {
                        channels.event("finished " + result.probe());
                    }
                });
    }

    @Test
    void outputsAreForcedAtTheEndOfTheVisitBeforeTheTraceLinesAndTheState() throws Exception {
        FaultyChannels channels = FaultyChannels.recording(root.resolve("exp"));

        ScheduledRun.start(experiment(channels).build(), TestSettings.manual(clock), channels).await();

        assertThat(channels.events()).containsExactly(
                "write .state.tmp", "force .state.tmp",
                "write m01/p1.stdout", "write m01/p1.stderr", "finished p1",
                "write m01/p2.stdout", "write m01/p2.stderr", "finished p2",
                "force m01/p1.stdout", "force m01/p1.stderr", "force m01/p2.stdout", "force m01/p2.stderr",
                "write p1.trace", "force p1.trace", "write p2.trace", "force p2.trace",
                "write .state.tmp", "force .state.tmp");
    }

    @Test
    void durabilityOperatingSystem_forcesOnlyTheTraceLinesAndTheState() throws Exception {
        FaultyChannels channels = FaultyChannels.recording(root.resolve("exp"));

        ScheduledRun.start(experiment(channels).build(), TestSettings.with(clock, Durability.OPERATING_SYSTEM), channels)
                .await();

        assertThat(channels.events()).containsExactly(
                "write .state.tmp", "force .state.tmp",
                "write m01/p1.stdout", "write m01/p1.stderr", "finished p1",
                "write m01/p2.stdout", "write m01/p2.stderr", "finished p2",
                "write p1.trace", "force p1.trace", "write p2.trace", "force p2.trace",
                "write .state.tmp", "force .state.tmp");
    }

    @Test
    void durabilityEachExecution_forcesBothFilesBeforeTheResultIsAnnounced() throws Exception {
        FaultyChannels channels = FaultyChannels.recording(root.resolve("exp"));

        ScheduledRun.start(experiment(channels).build(), TestSettings.with(clock, Durability.EACH_EXECUTION), channels)
                .await();

        assertThat(channels.events()).containsExactly(
                "write .state.tmp", "force .state.tmp",
                "write m01/p1.stdout", "write m01/p1.stderr", "force m01/p1.stdout", "force m01/p1.stderr",
                "finished p1",
                "write m01/p2.stdout", "write m01/p2.stderr", "force m01/p2.stdout", "force m01/p2.stderr",
                "finished p2",
                "write p1.trace", "force p1.trace", "write p2.trace", "force p2.trace",
                "write .state.tmp", "force .state.tmp");
    }
}

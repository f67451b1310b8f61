package io.ddc.jdbc;

import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.spi.Availability;
import io.ddc.spi.Sleeper;
import io.ddc.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real experiment run by the engine with the local runner on a manual clock: experiment
 * {@code lab}, probes {@code hello} (prints {@code hi}) and {@code fails} (prints {@code oops} on
 * standard error and exits 3), targets 127.0.0.1 and 127.0.0.2, and 127.0.0.9, which the
 * availability check calls switched off.
 */
final class Lab {
    static final long START = 1_719_820_800L;
    static final List<String> TARGETS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.9");

    private Lab() {}

    /** Runs {@code iterations} iterations a minute apart; {@code between} runs before iteration 2, 3, .... */
    static Completion run(Path root, int iterations, List<ExperimentListener> listeners, IterationHook between)
            throws InterruptedException {
        ManualClock clock = ManualClock.atEpochSecond(START);
        int[] slept = {0};
        Sleeper sleeper = duration -> {
            clock.advance(duration);
            between.before(++slept[0] + 1);
        };
        Experiment.Builder builder = Experiment.builder("lab")
                .targets(TargetPool.of(TARGETS.toArray(String[]::new)))
                .probe(Probe.builder("hello").command("echo", "hi").timeout(Duration.ofSeconds(30)).build())
                .probe(Probe.builder("fails").command("sh", "-c", "echo oops >&2; exit 3")
                        .timeout(Duration.ofSeconds(30)).build())
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(iterations))
                .runner(LocalRunner.create())
                .availabilityCheck(target -> target.name().equals("127.0.0.9")
                        ? Availability.unavailable("switched off") : Availability.available())
                .storageRoot(root)
                .clock(clock)
                .sleeper(sleeper);
        listeners.forEach(builder::listener);
        try (ExperimentRun run = builder.build().start()) {
            return run.await();
        }
    }

    /** Called between iterations, on the engine's thread. */
    @FunctionalInterface
    interface IterationHook {
        void before(int iteration) throws InterruptedException;
    }
}

package io.ddc.examples;

import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The shortest program that embeds DDC, as shown in the README: one probe with a post-collector, a
 * periodic schedule, the local runner, start and await. Run it with
 * {@code java -cp ddc-examples/target/ddc.jar io.ddc.examples.EmbeddingExample}; it writes under
 * {@code ./ddc-data/load}. Not meant to be instantiated.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    /**
     * Runs the example under {@code ./ddc-data} and prints how it ended.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the experiment
     */
    public static void main(String[] args) throws InterruptedException {
        Completion completion = run(Path.of("ddc-data"));
        System.out.println("finished: " + completion);
    }

    /**
     * Runs two iterations, one second apart, of {@code cat /proc/loadavg} on {@code 127.0.0.1}.
     *
     * @param storageRoot where the experiment's folder {@code load} is written
     * @return how the experiment ended
     * @throws InterruptedException if interrupted while waiting; the experiment is stopped first
     */
    public static Completion run(Path storageRoot) throws InterruptedException {
        Experiment experiment = Experiment.builder("load")
                .targets(TargetPool.of("127.0.0.1"))
                .probe(Probe.builder("loadavg")
                        .command("cat", "/proc/loadavg")
                        .timeout(Duration.ofSeconds(10))
                        .postCollector("print", (result, context) ->
                                System.out.println(result.target() + " " + result.outcome() + ": "
                                        + result.stdout().text().strip()))
                        .build())
                .schedule(Schedule.periodic(Duration.ofSeconds(1)).withMaxIterations(2))
                .runner(LocalRunner.create())
                .storageRoot(storageRoot)
                .build();
        try (ExperimentRun run = experiment.start()) {
            return run.await();
        }
    }
}

package io.ddc.core;

import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A coordinator in its own JVM, for the tests that need a second process: it runs one experiment on
 * the folder it is given and says on standard output when its first iteration has started, so that
 * the test knows it holds the folder. It runs until it is killed or its iterations are done.
 *
 * <p>Arguments: storage root, experiment name. Exit status: 0 when the run ended, 3 when the folder
 * was refused (the message on standard error).
 */
final class ChildCoordinator {
    /** The line printed once the first iteration has started. */
    static final String RUNNING = "RUNNING";

    private ChildCoordinator() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Experiment experiment = Experiment.builder(args[1])
                .storageRoot(Path.of(args[0]))
                .targets(TargetPool.of("127.0.0.1"))
                .availabilityCheck(AvailabilityCheck.always())
                .runner(LocalRunner.create())
                .probe(Probe.builder("tick").command("true").timeout(Duration.ofSeconds(10)).build())
                .schedule(Schedule.periodic(Duration.ofMillis(200)).withMaxIterations(600))
                .listener(new ExperimentListener() {
                    private boolean said;

                    @Override
                    public synchronized void iterationStarted(String name, long iterationId, int targets) {
                        if (!said) {
                            said = true;
                            out.println(RUNNING + " " + ProcessHandle.current().pid());
                        }
                    }
                })
                .build();
        ExperimentRun run;
        try {
            run = experiment.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        try (run) {
            run.await();
        }
    }
}

package io.ddc.core;

import io.ddc.IterationStart;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * A coordinator in its own JVM, for the tests that need a second process: it runs one experiment on
 * the folder it is given and says on standard output when its first iteration has started, so that
 * the test knows it holds the folder. It runs until it is killed or its iterations are done.
 *
 * <p>Arguments: storage root, experiment name, and optionally {@value #SINGLE_SHOT}. Without it, a
 * periodic experiment with one quick probe ticks every second. With it, a single-shot experiment
 * over {@link #TARGETS} and {@link #PROBES} whose probes succeed one time in eight, and a
 * post-collector that appends {@code target probe iteration} to {@value #COLLECTED} in the storage
 * root once it has seen a result. Exit status: 0 when the run ended, 3 when the folder was refused
 * (the message on standard error).
 */
final class ChildCoordinator {
    /** The line printed once the first iteration has started. */
    static final String RUNNING = "RUNNING";
    /** The argument that selects the single-shot experiment. */
    static final String SINGLE_SHOT = "single-shot";
    /** The file, in the storage root, where the single-shot experiment's post-collector writes. */
    static final String COLLECTED = "collected.log";
    static final List<String> TARGETS = List.of("t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09",
            "t10");
    static final List<String> PROBES = List.of("p1", "p2", "p3");

    private ChildCoordinator() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path root = Path.of(args[0]);
        Experiment.Builder builder = Experiment.builder(args[1])
                .storageRoot(root)
                .availabilityCheck(AvailabilityCheck.always())
                .runner(LocalRunner.create())
                .listener(new ExperimentListener() {
                    private boolean said;

                    @Override
                    public synchronized void iterationStarted(IterationStart start) {
                        if (!said) {
                            said = true;
                            out.println(RUNNING + " " + ProcessHandle.current().pid());
                        }
                    }
                });
        if (args.length > 2 && args[2].equals(SINGLE_SHOT)) {
            singleShot(builder, root.resolve(COLLECTED));
        } else {
            builder.targets(TargetPool.of("127.0.0.1"))
                    .probe(Probe.builder("tick").command("true").timeout(Duration.ofSeconds(10)).build())
                    .schedule(Schedule.periodic(Duration.ofSeconds(1)).withMaxIterations(600));
        }
        Experiment experiment = builder.build();
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

    private static void singleShot(Experiment.Builder builder, Path collected) {
        // one time in eight, after a short pause, so that a run takes several iterations (a second apart)
        String script = "n=$(od -An -N1 -tu1 /dev/urandom); sleep 0.01; echo \"$DDC_PROBE on $DDC_TARGET: $n\";"
                + " [ $((n % 8)) -eq 0 ]";
        builder.targets(TargetPool.of(TARGETS))
                .parallelism(2)
                .schedule(Schedule.singleShot().withInterval(Duration.ofSeconds(1)));
        for (String name : PROBES) {
            builder.probe(Probe.builder(name).command("sh", "-c", script).timeout(Duration.ofSeconds(10))
                    .postCollector("note", (result, context) -> note(collected, result.target().name() + " "
                            + result.probe() + " " + result.iterationId() + "\n"))
                    .build());
        }
    }

    /** One write per line, appended: a kill leaves whole lines. */
    private static void note(Path file, String line) throws IOException {
        synchronized (ChildCoordinator.class) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}

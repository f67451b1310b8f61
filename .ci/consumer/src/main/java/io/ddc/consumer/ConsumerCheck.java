package io.ddc.consumer;

import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one iteration of {@code echo hi} on target {@code localhost} with the local runner, then
 * checks the probe's trace line. Arguments: the storage root (an empty folder) and {@code module}
 * or {@code classpath}, the path it is expected to run on; exits 1 with a reason when anything differs.
 */
public final class ConsumerCheck {
    /** One iteration, one succeeded target, nothing failed or unavailable, 100.0 %. */
    private static final Pattern TRACE_LINE = Pattern.compile("[0-9]+\\|1\\|0\\|0\\|100\\.0\\|[0-9]+\\.[0-9]\\|localhost,\\| \\| \\|");

    private ConsumerCheck() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2 || !List.of("module", "classpath").contains(args[1])) {
            fail("usage: ConsumerCheck STORAGE_ROOT module|classpath");
        }
        boolean named = ConsumerCheck.class.getModule().isNamed();
        if (named != args[1].equals("module")) {
            fail("expected to run on the " + args[1] + " path, but the program's module is " + ConsumerCheck.class.getModule());
        }
        Path root = Path.of(args[0]);
        Experiment experiment = Experiment.builder("consumer")
                .targets(TargetPool.of("localhost"))
                .probe(Probe.builder("hi").command("echo", "hi").timeout(Duration.ofSeconds(30)).build())
                .schedule(Schedule.singleShot().withMaxIterations(1))
                .runner(LocalRunner.create())
                .storageRoot(root)
                .build();
        Completion completion;
        try (ExperimentRun run = experiment.start()) {
            completion = run.await();
        }
        Path trace = root.resolve("consumer").resolve("hi.trace");
        List<String> lines = Files.readAllLines(trace);
        if (lines.size() != 1 || !TRACE_LINE.matcher(lines.get(0)).matches()) {
            fail("expected one trace line of one succeeded execution on localhost in " + trace + ", found " + lines);
        }
        String output = Files.readString(root.resolve("consumer").resolve("localhost").resolve("hi.stdout"));
        if (!output.contains("\nhi\n")) {
            fail("expected the stored output of echo hi, found: " + output);
        }
        System.out.println("consumer check on the " + (named ? "module" : "class") + " path: " + lines.get(0) + " (" + completion + ")");
    }

    private static void fail(String why) {
        System.err.println("consumer check failed: " + why);
        System.exit(1);
    }
}

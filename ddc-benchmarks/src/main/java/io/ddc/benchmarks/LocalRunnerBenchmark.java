package io.ddc.benchmarks;

import io.ddc.Experiment;
import io.ddc.IterationSummary;
import io.ddc.Probe;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.spi.AvailabilityCheck;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local runner: {@code executions} runs of {@code true}, {@code parallelism} at once, by the engine
 * with {@link LocalRunner} (one iteration of a running experiment over {@code executions} targets
 * and one probe, so each target is one execution), against {@code xargs -P} doing the same from
 * the same JVM ({@code seq N | xargs -P8 -I{} true}, started as one process and waited for). Both
 * run in a warm JVM: the comparison is of running processes, not of starting a JVM. A third
 * method, {@code jdkLoop}, is the floor any Java runner stands on: the same executions made with
 * nothing but {@link ProcessBuilder} from {@code parallelism} threads (pipes read to their end,
 * process waited for). How the JDK starts a process is chosen when the JVM starts, with
 * {@code -Djdk.lang.Process.launchMechanism} (on Linux {@code POSIX_SPAWN} by default,
 * {@code VFORK} or {@code FORK}); pass it with {@code -jvmArgsAppend}.
 *
 * <p><b>Target:</b> {@code engine} at most 1.3 × the time of {@code baselineXargs}.
 * {@code scripts/local-runner.sh} runs all three and prints the ratios.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar LocalRunnerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class LocalRunnerBenchmark {
    @Param({"1000"})
    public int executions;

    @Param({"8"})
    public int parallelism;

    @Param({"OFF"})
    public StorageMode storage;

    private Path root;
    private SteppedRun run;
    private ProcessBuilder xargs;
    private ExecutorService threads;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        root = TempFolders.create("ddc-bench-local");
        List<String> names = new ArrayList<>(executions);
        for (int i = 0; i < executions; i++) {
            names.add("t" + i);
        }
        Experiment.Builder builder = Experiment.builder("local")
                .targets(TargetPool.of(names))
                .runner(LocalRunner.create())
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(root)
                .parallelism(parallelism)
                .probe(storage.configure(Probe.builder("true").command("true")).build());
        run = new SteppedRun(storage.configure(builder));
        xargs = new ProcessBuilder("sh", "-c", "seq " + executions + " | xargs -P" + parallelism + " -I{} true")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        AtomicInteger counter = new AtomicInteger();
        threads = Executors.newFixedThreadPool(parallelism,
                task -> new Thread(task, "bench-jdk-loop-" + counter.incrementAndGet()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JDK loop's threads did not end");
        }
        run.close();
        TempFolders.delete(root);
    }

    /** @return the iteration's summary */
    @Benchmark
    public IterationSummary engine() throws InterruptedException {
        IterationSummary summary = run.step();
        if (summary.succeeded() != executions) {
            throw new IllegalStateException("only " + summary.succeeded() + " of " + executions + " executions of"
                    + " true succeeded");
        }
        return summary;
    }

    /** @return xargs' exit code */
    @Benchmark
    public int baselineXargs() throws IOException, InterruptedException {
        int exit = xargs.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("xargs exited with " + exit);
        }
        return exit;
    }

    /** @return how many processes exited with 0 */
    @Benchmark
    public int jdkLoop() throws InterruptedException, ExecutionException {
        List<Future<Integer>> exits = new ArrayList<>(executions);
        for (int i = 0; i < executions; i++) {
            exits.add(threads.submit(LocalRunnerBenchmark::runTrue));
        }
        int succeeded = 0;
        for (Future<Integer> exit : exits) {
            succeeded += exit.get() == 0 ? 1 : 0;
        }
        if (succeeded != executions) {
            throw new IllegalStateException("only " + succeeded + " of " + executions + " executions of true succeeded");
        }
        return succeeded;
    }

    private static int runTrue() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            out.transferTo(OutputStream.nullOutputStream());
            err.transferTo(OutputStream.nullOutputStream());
        }
        return process.waitFor();
    }
}

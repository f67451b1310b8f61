package io.ddc.benchmarks;

import io.ddc.Experiment;
import io.ddc.IterationSummary;
import io.ddc.Probe;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Iteration makespan: one iteration of a running experiment over {@code targets} targets, one
 * probe, {@code parallelism} targets at once, with a runner that sleeps {@code latencyMillis} per
 * execution (the remote work). The ideal is ceil(targets / parallelism) × latency: every thread
 * always busy, the coordinator costing nothing. {@code baselineFixedThreadPool} is what the machine
 * itself reaches: the same sleeps on a bare thread pool of the same size, nothing else.
 *
 * <p><b>Target:</b> at 10,000 targets, parallelism 500 and 50 ms, at most 1.05 × the ideal 20 × 50 ms
 * = 1,050 ms per iteration.
 *
 * <p>Storage is off by default: with it on, each execution's two files are forced, 20,000
 * {@code fsync} calls per iteration, which measures the disk ({@link FileAppendBenchmark}), not how
 * the engine overlaps remote latency; {@code -p storage=UNFORCED} or {@code FORCED} adds them.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar MakespanBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
public class MakespanBenchmark {
    @Param({"10000"})
    public int targets;

    @Param({"500"})
    public int parallelism;

    @Param({"50"})
    public int latencyMillis;

    @Param({"OFF"})
    public StorageMode storage;

    private Path root;
    private SteppedRun run;
    private ExecutorService pool;
    private List<Callable<Object>> sleeps;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        root = TempFolders.create("ddc-bench-makespan");
        List<String> names = Inputs.targetNames(targets);
        Experiment.Builder builder = Experiment.builder("makespan")
                .targets(TargetPool.of(names))
                .runner(new NoOpRunner("ok\n".getBytes(StandardCharsets.US_ASCII), 1,
                        Duration.ofMillis(latencyMillis)))
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(root)
                .parallelism(parallelism)
                .probe(storage.configure(Probe.builder("remote").command("remote")).build());
        run = new SteppedRun(storage.configure(builder));
        // its threads start at the first call of the baseline, so a run of iteration() alone has none
        pool = Executors.newFixedThreadPool(parallelism);
        long latencyNanos = Duration.ofMillis(latencyMillis).toNanos();
        Callable<Object> sleep = () -> {
            TimeUnit.NANOSECONDS.sleep(latencyNanos);
            return latencyNanos;
        };
        sleeps = Collections.nCopies(targets, sleep);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        run.close();
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        TempFolders.delete(root);
    }

    /** @return the iteration's summary, so that the work cannot be optimised away */
    @Benchmark
    public IterationSummary iteration() throws InterruptedException {
        return run.step();
    }

    /**
     * The machine's floor for {@link #iteration()}: {@code targets} sleeps of {@code latencyMillis}
     * on a fixed pool of {@code parallelism} threads, kept from call to call as the engine keeps its
     * workers, and nothing else (no availability check, result, trace line or state file).
     *
     * @return the finished sleeps, so that the work cannot be optimised away
     */
    @Benchmark
    public List<Future<Object>> baselineFixedThreadPool() throws InterruptedException {
        return pool.invokeAll(sleeps);
    }
}

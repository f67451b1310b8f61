package io.ddc.benchmarks;

import io.ddc.Experiment;
import io.ddc.IterationSummary;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.spi.Availability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * The paper's fleet, one iteration, as a model: 169 targets, of which 87 are off (their availability
 * check waits out its 100 ms timeout) and 82 answer, each execution of the one probe taking 4.6 s.
 * The off targets are spread evenly over the pool.
 *
 * <p><b>Where the model's figures come from.</b> The paper gives 169 machines, 235,298 successful
 * executions over 2,867 iterations (82.07 per iteration; 484,523 attempts, i.e. all 169 each time)
 * and 386.99 s per iteration on average, but no time per execution and no ping timeout. Taking the
 * other 87 as off at a 100 ms timeout, the time per execution is solved back from the iteration:
 * (386.99 s − 87 × 0.1 s) / 82 = 4.61 s, rounded to 4.6 s. So "parallelism 1 takes about 387 s"
 * holds by construction and says nothing about the engine. What the benchmark measures is the
 * engine's cost over the model's own figures:
 *
 * <ul>
 *   <li>parallelism 1 against the model's sum, 87 × 0.1 s + 82 × 4.6 s = 385.9 s, the iteration
 *       with an engine that costs nothing;</li>
 *   <li>parallelism 32 against the model's floor: 82 executions of 4.6 s on 32 threads need three
 *       rounds, 13.8 s, in any order (the 87 checks fit in the threads that run two); in the
 *       engine's visit order, each visit taken by the first free thread, the model's schedule takes
 *       14.1 s.</li>
 * </ul>
 *
 * <p><b>Simulated time, scaled by 100:</b> the check sleeps 1 ms for an off target and the runner
 * sleeps 46 ms, for real, and the engine runs on a {@link ScaledClock} 100 times faster than real
 * time, so its trace lines and durations read in the paper's seconds. The schedule is the engine's
 * own (its real threads, queue and visit order): only the time axis is compressed. Sleeping, not a
 * virtual clock, because with several targets at once the engine's worker threads would all have
 * to agree when virtual time may advance, which the engine has no hook for. The engine's own cost
 * is real time and so counts 100 times over (storage is left unforced by default for that reason:
 * forcing each visit's two files costs about 1 ms of real time, 0.1 simulated second per target);
 * the overheads are, if anything, overstated.
 *
 * <p><b>Target:</b> parallelism 1 within 10 % of the paper's ≈ 387 s, a score of 3,483 to 4,257 ms
 * (given the derivation above, read it as: the engine adds at most about 10 % to the model's
 * 385.9 s); parallelism 32 takes at most 5 % of that (a score of at most 193.5 ms, i.e. 19.4
 * simulated seconds). Score: real milliseconds per iteration; × 0.1 gives simulated seconds.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar PaperFleetBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class PaperFleetBenchmark {
    /** Real time runs this many times slower than simulated time. */
    static final int SCALE = 100;

    @Param({"1", "32"})
    public int parallelism;

    @Param({"169"})
    public int targets;

    @Param({"87"})
    public int off;

    @Param({"4600"})
    public int executionMillis;

    @Param({"100"})
    public int checkTimeoutMillis;

    @Param({"UNFORCED"})
    public StorageMode storage;

    private Path root;
    private SteppedRun run;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        root = TempFolders.create("ddc-bench-paper");
        List<String> names = new ArrayList<>(targets);
        Set<String> offNames = new HashSet<>();
        for (int i = 0; i < targets; i++) {
            String name = String.format("pc%03d", i + 1);
            names.add(name);
            // spread evenly: target i is off when the running count of off targets steps up
            if ((long) (i + 1) * off / targets > (long) i * off / targets) {
                offNames.add(name);
            }
        }
        Duration checkTimeout = Duration.ofMillis(checkTimeoutMillis);
        Duration realCheck = Duration.ofNanos(checkTimeout.toNanos() / SCALE);
        Experiment.Builder builder = Experiment.builder("paper")
                .targets(TargetPool.of(names))
                .runner(new NoOpRunner("uptime 12:01:33 up 3 days\n".getBytes(StandardCharsets.US_ASCII), 1,
                        Duration.ofNanos(Duration.ofMillis(executionMillis).toNanos() / SCALE)))
                .availabilityCheck(target -> check(target, offNames, realCheck, checkTimeout))
                .clock(new ScaledClock(SCALE))
                .storageRoot(root)
                .parallelism(parallelism)
                .probe(storage.configure(Probe.builder("uptime").command("uptime")
                        .timeout(Duration.ofMinutes(10))).build());
        run = new SteppedRun(storage.configure(builder));
    }

    private static Availability check(Target target, Set<String> offNames, Duration realWait, Duration timeout)
            throws InterruptedException {
        if (!offNames.contains(target.name())) {
            return Availability.available();
        }
        TimeUnit.NANOSECONDS.sleep(realWait.toNanos());
        return Availability.unavailable("no answer within " + timeout.toMillis() + " ms");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        run.close();
        TempFolders.delete(root);
    }

    /** @return the iteration's summary (its elapsed time is in simulated seconds) */
    @Benchmark
    public IterationSummary iteration() throws InterruptedException {
        return run.step();
    }
}

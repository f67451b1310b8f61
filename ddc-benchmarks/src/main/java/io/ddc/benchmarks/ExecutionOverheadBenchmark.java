package io.ddc.benchmarks;

import io.ddc.Experiment;
import io.ddc.IterationSummary;
import io.ddc.Probe;
import io.ddc.TargetPool;
import io.ddc.jdbc.Database;
import io.ddc.jdbc.DatabaseListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Execution overhead: one iteration of a running experiment over {@code targets} targets and
 * {@code probes} probes, with a runner that prints one short line and returns at once, so the score
 * is the coordinator's own cost (availability, runner call, result, storage, trace lines, state
 * file). Divide it by targets × probes for the cost per execution.
 *
 * <p><b>Target:</b> at 1,000 targets × 5 probes, at most 20 µs of coordinator time per execution
 * with storage on, i.e. at most 100 ms per iteration. {@code storage=FORCED} (the default engine)
 * adds two {@code fsync} calls per execution, which cost the disk's time, not the coordinator's:
 * {@code UNFORCED} measures the same storage without them ({@code Durability.OPERATING_SYSTEM}), and
 * {@link FileAppendBenchmark} measures one {@code fsync} on its own. Beside the wall-clock time,
 * {@link CpuCounters} measures the processor time the JVM spends per execution, which leaves out
 * the time spent waiting for the disk.
 *
 * <p>The live results database's target: at most 10 µs more per execution with
 * {@code -p database=SQLITE} than with {@code NONE}.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar ExecutionOverheadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExecutionOverheadBenchmark {
    @Param({"1000"})
    public int targets;

    @Param({"5"})
    public int probes;

    @Param({"1"})
    public int parallelism;

    @Param({"FORCED", "UNFORCED", "OFF"})
    public StorageMode storage;

    /**
     * {@code SQLITE} adds a {@link DatabaseListener} writing into a SQLite file in the folder: the
     * live results database's cost to the engine (its writer thread competes for the processors).
     */
    @Param({"NONE"})
    public String database;

    private Path root;
    private SteppedRun run;
    private @Nullable DatabaseListener listener;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        root = TempFolders.create("ddc-bench-overhead");
        List<String> names = Inputs.targetNames(targets);
        Experiment.Builder builder = Experiment.builder("overhead")
                .targets(TargetPool.of(names))
                .runner(NoOpRunner.printing("load 0.42 0.37 0.30\n"))
                .storageRoot(root)
                .parallelism(parallelism);
        storage.configure(builder);
        if (database.equals("SQLITE")) {
            listener = DatabaseListener.builder(Database.sqlite(root.resolve("results.sqlite"))).build();
            builder.listener(listener);
        } else if (!database.equals("NONE")) {
            throw new IllegalArgumentException("database is NONE or SQLITE, got " + database);
        }
        for (int p = 0; p < probes; p++) {
            builder.probe(storage.configure(Probe.builder("p" + p).command("probe")).build());
        }
        run = new SteppedRun(builder);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        run.close();
        if (listener != null) {
            listener.close();
        }
        TempFolders.delete(root);
    }

    /** @return the iteration's summary, so that the work cannot be optimised away */
    @Benchmark
    public IterationSummary iteration(CpuCounters cpu) throws InterruptedException {
        long before = CpuCounters.processCpuNanos();
        IterationSummary summary = run.step();
        cpu.add(CpuCounters.processCpuNanos() - before, (long) targets * probes);
        return summary;
    }
}

package io.ddc.benchmarks;

import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * One whole engine iteration (start, availability, runner calls, storage, trace lines, stop) over
 * {@code targets} targets and {@code probes} probes, with a runner that does no remote work: the
 * score is the coordinator's own cost. Divide it by targets × probes for the cost per execution.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar IterationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IterationBenchmark {
    @Param({"100", "1000"})
    public int targets;

    @Param({"5"})
    public int probes;

    @Param({"1", "8"})
    public int parallelism;

    @Param({"true", "false"})
    public boolean storeOutput;

    private Path root;
    private Experiment experiment;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("ddc-bench");
        List<String> names = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            names.add("m" + i);
        }
        Experiment.Builder builder = Experiment.builder("bench")
                .targets(TargetPool.of(names))
                .runner(new NoOpRunner("load 0.42 0.37 0.30\n".getBytes(StandardCharsets.US_ASCII), 0))
                .storageRoot(root)
                .parallelism(parallelism)
                .schedule(Schedule.periodic(Duration.ofMinutes(15)).withMaxIterations(1));
        for (int p = 0; p < probes; p++) {
            builder.probe(Probe.builder("p" + p).command("probe").storeOutput(storeOutput).build());
        }
        experiment = builder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** @return the completion, so that the work cannot be optimised away */
    @Benchmark
    public Completion iteration() throws InterruptedException {
        return experiment.start().await();
    }
}

package io.ddc.benchmarks;

import io.ddc.TraceLine;
import io.ddc.files.TraceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Trace parse: {@link TraceReader} over a trace file of {@code megabytes} MB, against
 * {@link BufferedReader#readLine()} over the same file (which only splits lines). The file is made
 * in the set-up, in a temporary folder deleted in the tear-down: lines of the paper's 169-target
 * fleet, each target succeeded, failed or unavailable at random (fixed seed), about 1.7 KB a line
 * (169 names of 9 characters with their separators; 58,004 lines at 100 MB).
 * Both read from the operating system's cache.
 *
 * <p><b>Target:</b> {@code traceReader} at least 0.5 × the speed of {@code baselineReadLine}, i.e.
 * its time at most twice the baseline's.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar TraceReadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class TraceReadBenchmark {
    @Param({"100"})
    public int megabytes;

    @Param({"169"})
    public int targets;

    private Path folder;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = TempFolders.create("ddc-bench-trace");
        file = folder.resolve("probe.trace");
        List<String> names = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            names.add(String.format("lab-pc%03d", i + 1));
        }
        Random random = new Random(42);
        long id = 1_081_948_390L;
        long size = 0;
        long wanted = megabytes * 1_000_000L;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (size < wanted) {
                List<String> succeeded = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                List<String> unavailable = new ArrayList<>();
                for (String name : names) {
                    int draw = random.nextInt(100);
                    (draw < 48 ? succeeded : draw < 50 ? failed : unavailable).add(name);
                }
                String line = new TraceLine(id, Duration.ofMillis(380_000 + random.nextInt(15_000)), succeeded,
                        failed, unavailable).format() + "\n";
                out.write(line);
                size += line.length();
                id += 900;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempFolders.delete(folder);
    }

    /** @return the number of lines read */
    @Benchmark
    public long traceReader(Blackhole blackhole) throws IOException {
        return TraceReader.read(file, blackhole::consume, blackhole::consume);
    }

    /** @return the number of lines read */
    @Benchmark
    public long baselineReadLine(Blackhole blackhole) throws IOException {
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                blackhole.consume(line);
                lines++;
            }
        }
        return lines;
    }
}

package io.ddc.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the disk costs the storage, apart from the engine: appending one ~100-byte record to an
 * output file (open, append, close, as the engine does for each of an execution's two files), with
 * and without forcing it to disk: {@code appendAndForceAll} as the engine forces an appended file
 * ({@code FileChannel.force(true)}, {@code fsync} on Linux), {@code appendAndForceData} without the
 * metadata that reading the data back does not need ({@code force(false)}, {@code fdatasync}). Each call appends to the next of
 * {@code files} files, as an iteration appends to each (target, probe) file once.
 *
 * <p>{@code appendAndForceAllConcurrently} does what {@code appendAndForceAll} does from 32 threads
 * at once, each on files of its own, as the engine does at parallelism 32: its score is the
 * throughput of all threads together, forces per millisecond, so 1,000 / score is the time each
 * force takes when their waits overlap.
 *
 * <p><b>Target:</b> none; it explains {@link ExecutionOverheadBenchmark}'s {@code FORCED} figures:
 * an execution with storage on forces two files.
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar FileAppendBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FileAppendBenchmark {
    private static final byte[] RECORD = ("#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.000 failure=-"
            + " bytes=20 reason=-\nload 0.42 0.37 0.30\n\n").getBytes(StandardCharsets.US_ASCII);

    @Param({"1000"})
    public int files;

    private Path folder;
    private Path[] paths;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = TempFolders.create("ddc-bench-append");
        paths = new Path[files];
        for (int i = 0; i < files; i++) {
            paths[i] = folder.resolve("m" + i + ".stdout");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempFolders.delete(folder);
    }

    private Path nextFile() {
        Path file = paths[next];
        next = next + 1 == paths.length ? 0 : next + 1;
        return file;
    }

    /** The files of one thread of {@link #appendAndForceAllConcurrently}, in a folder of its own. */
    @State(Scope.Thread)
    public static class ThreadFiles {
        /** As many as the threads, so that 32 threads append to about as many files as the others. */
        static final int FILES = 32;

        private Path folder;
        private Path[] paths;
        private int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            folder = TempFolders.create("ddc-bench-append-thread");
            paths = new Path[FILES];
            for (int i = 0; i < FILES; i++) {
                paths[i] = folder.resolve("m" + i + ".stdout");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            TempFolders.delete(folder);
        }

        Path nextFile() {
            Path file = paths[next];
            next = next + 1 == paths.length ? 0 : next + 1;
            return file;
        }
    }

    /** @return the file's length, so that the work cannot be optimised away */
    @Benchmark
    public long append() throws IOException {
        try (FileChannel channel = FileChannel.open(nextFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(RECORD));
            return channel.size();
        }
    }

    /** @return the file's length, so that the work cannot be optimised away */
    @Benchmark
    public long appendAndForceData() throws IOException {
        return appendAndForce(nextFile(), false);
    }

    /** @return the file's length, so that the work cannot be optimised away */
    @Benchmark
    public long appendAndForceAll() throws IOException {
        return appendAndForce(nextFile(), true);
    }

    /**
     * @param files the calling thread's files
     * @return the file's length, so that the work cannot be optimised away
     */
    @Benchmark
    @Threads(32)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long appendAndForceAllConcurrently(ThreadFiles files) throws IOException {
        return appendAndForce(files.nextFile(), true);
    }

    private static long appendAndForce(Path file, boolean metadata) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(RECORD));
            channel.force(metadata);
            return channel.size();
        }
    }
}

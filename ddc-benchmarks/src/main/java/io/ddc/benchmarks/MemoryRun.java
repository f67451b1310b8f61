package io.ddc.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Memory: one iteration over {@code targets} targets whose one probe prints {@code bytes} bytes in
 * all (in chunks of up to 8 KiB, as a pump would), storage on (the default, forced), in whatever
 * heap the JVM was given; prints the peak of the heap in use after each garbage collection, the
 * number of collections, and the process's peak and final resident set size.
 *
 * <p><b>Target:</b> 10,000 targets and 1 GiB of output complete with {@code -Xmx64m}.
 * {@code scripts/memory.sh} runs it so.
 *
 * <p>Run: {@code java -Xmx64m -cp ddc-benchmarks/target/benchmarks.jar io.ddc.benchmarks.MemoryRun
 * [targets] [bytes] [parallelism] [folder]} (defaults 10000, 1073741824, 16, a temporary folder,
 * deleted at the end).
 */
public final class MemoryRun {
    private static final int CHUNK = 8192;

    private MemoryRun() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path root = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : TempFolders.create("ddc-memory");
        long perTarget = bytes / targets;
        int chunks = (int) ((perTarget + CHUNK - 1) / CHUNK);
        int chunkSize = (int) (perTarget / chunks);
        long printed = (long) chunkSize * chunks * targets;
        AtomicLong peakAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        watchCollections(peakAfterGc, collections);

        List<String> names = Inputs.targetNames(targets);
        byte[] chunk = new byte[chunkSize];
        Arrays.fill(chunk, (byte) 'x');
        chunk[chunk.length - 1] = '\n';
        Experiment experiment = Experiment.builder("memory")
                .targets(TargetPool.of(names))
                .runner(new NoOpRunner(chunk, chunks, Duration.ZERO))
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(root)
                .parallelism(parallelism)
                .schedule(Schedule.singleShot())
                .probe(Probe.builder("dump").command("dump").build())
                .build();
        System.out.printf(Locale.ROOT, "memory: %,d targets × %,d bytes = %,d bytes (%.2f GiB) of output, parallelism"
                + " %d, max heap %d MiB, storage in %s%n", targets, (long) chunkSize * chunks, printed,
                printed / (double) (1L << 30), parallelism, Runtime.getRuntime().maxMemory() >> 20, root);
        long start = System.nanoTime();
        Completion completion;
        try (ExperimentRun run = experiment.start()) {
            completion = run.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = storedBytes(root.resolve("memory"));
        System.out.printf(Locale.ROOT, "completed: %s in %.1f s; %,d bytes in the output files%n", completion,
                seconds, stored);
        System.out.printf(Locale.ROOT, "peak heap after GC: %.1f MiB (%d collections); RSS peak (VmHWM) %s,"
                + " now (VmRSS) %s%n", peakAfterGc.get() / (double) (1 << 20), collections.get(), status("VmHWM"),
                status("VmRSS"));
        if (args.length <= 3) {
            TempFolders.delete(root);
        }
        if (!completion.allSucceeded() || stored < printed) {
            System.out.println("FAILED: not every execution was stored");
            System.exit(1);
        }
    }

    /** After each collection, adds up the heap pools' usage and keeps the largest sum. */
    private static void watchCollections(AtomicLong peak, AtomicLong count) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> isHeap(pool.getKey()))
                        .map(Map.Entry::getValue)
                        .mapToLong(MemoryUsage::getUsed).sum();
                peak.accumulateAndGet(used, Math::max);
                count.incrementAndGet();
            }, null, null);
        }
    }

    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(bean -> bean.getName().equals(pool) && bean.getType() == MemoryType.HEAP);
    }

    private static long storedBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".stdout")).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** @return a line of {@code /proc/self/status} (Linux), e.g. "123456 kB", or "n/a" */
    private static String status(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.substring(field.length() + 1).strip())
                    .findFirst().orElse("n/a");
        }
    }
}

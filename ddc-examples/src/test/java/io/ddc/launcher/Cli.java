package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import io.ddc.examples.LoopbackListener;
import io.ddc.testing.LiveThreads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs the launcher in the test's JVM, as the launcher's tests and the bundled experiments' tests
 * do, and says which of the engine's or the demo's threads are still at work afterwards.
 */
public final class Cli {
    private Cli() {}

    /** What one call of {@link DdcCli#run} printed and returned. */
    public record Run(int exitCode, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs the launcher with {@code environment} in place of the process environment. */
    public static Run run(Map<String, String> environment, String... args) {
        return run(environment, false, BundledExperiments.ALL, args);
    }

    /**
     * Runs the launcher with {@code environment} in place of the process environment, on a terminal
     * or not, with {@code experiments} as the bundled experiments.
     */
    public static Run run(Map<String, String> environment, boolean terminal, List<BundledExperiment> experiments,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = DdcCli.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                environment, terminal, experiments);
        return new Run(exitCode, out.toString(UTF_8), err.toString(UTF_8));
    }

    /**
     * Runs the launcher on a thread of its own until its output contains {@code marker}, then
     * interrupts it as Ctrl-C would, and waits for it to return.
     *
     * @throws AssertionError if the marker never comes within 30 s or the launcher does not return
     */
    public static Run interruptedOnceItPrints(String marker, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread cli = new Thread(() -> exitCode.set(DdcCli.run(args, new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8))), "cli-under-test");
        cli.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(UTF_8).contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(out.toString(UTF_8)).as("printed before the interrupt").contains(marker);

        cli.interrupt();
        cli.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(cli.isAlive()).as("the launcher returned").isFalse();
        return new Run(exitCode.get(), out.toString(UTF_8), err.toString(UTF_8));
    }

    /** Threads that the engine or the demo starts (the listener of the demo's check included). */
    private static final Predicate<String> DEMO_THREAD =
            name -> name.startsWith("ddc-") || name.equals(LoopbackListener.THREAD_NAME);

    /**
     * Waits a moment for the threads that the engine or the demo started to end (idle pumps of the
     * runner, which end by themselves, do not count: see {@link LiveThreads}).
     *
     * @return the names of those still at work
     */
    public static List<String> demoThreads() throws InterruptedException {
        return LiveThreads.awaitNoneWorking(DEMO_THREAD, Duration.ofSeconds(3));
    }

    /** @return the names of the threads that the engine or the demo started and that are at work now */
    public static List<String> demoThreadsNow() {
        return LiveThreads.working(DEMO_THREAD);
    }
}

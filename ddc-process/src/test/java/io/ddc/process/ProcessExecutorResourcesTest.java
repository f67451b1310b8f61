package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.Failure;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No process, file descriptor or busy thread outlives the run that made it; the pool's idle pump
 * threads are reused and end by themselves.
 */
final class ProcessExecutorResourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");
    /** Descriptors the JVM may open meanwhile for its own needs (class loading, logging). */
    private static final int FD_SLACK = 5;
    /** Pool threads idle this long end. */
    private static final Duration KEEP_ALIVE = Duration.ofMillis(200);
    /** How long a pump may take to finish once its process has ended. */
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private final OutputStream sink = OutputStream.nullOutputStream();

    @Test
    void run_manyExecutions_reuseTwoPumpThreadsAndLeaveNoProcessOrFileDescriptor() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "no " + OPEN_FILES + " on this system");
        String prefix = "leak-test";
        ProcessExecutor executor = ProcessExecutor.builder().threadName(prefix).pumpKeepAlive(KEEP_ALIVE).build();
        Set<Long> before = TestProcesses.descendants();
        for (int i = 0; i < 5; i++) {
            executor.run(List.of("true"), Map.of(), TIMEOUT, sink, sink);
        }
        long openBefore = countOpenFiles();

        Set<String> pumpThreads = new TreeSet<>();
        int mostAlive = 0;
        for (int i = 0; i < 200; i++) {
            RunResult result = executor.run(List.of("true"), Map.of(), TIMEOUT, sink, sink);
            assertThat(result).isEqualTo(RunResult.exited(0));
            assertThat(TestProcesses.awaitIdlePumps(executor, LIMIT)).as("pumps busy after run %d returned", i)
                    .isZero();
            List<String> alive = TestProcesses.names(TestProcesses.threadsNamedWith(prefix));
            pumpThreads.addAll(alive);
            mostAlive = Math.max(mostAlive, alive.size());
        }

        // one execution at a time needs two pumps; a third or fourth thread is started only when a
        // pump has not yet gone back to the pool as the next execution asks for one
        assertThat(mostAlive).as("pump threads alive at once").isBetween(1, 4);
        assertThat(pumpThreads.size()).as("pump threads started for 400 pumps: %s", pumpThreads).isLessThan(40);
        assertThat(TestProcesses.awaitNoThreadNamedWith(prefix, KEEP_ALIVE.plus(LIMIT)))
                .as("idle pump threads that did not end").isEmpty();
        assertThat(TestProcesses.descendantsBut(before)).as("processes left").isEmpty();
        assertThat(countOpenFiles()).as("open file descriptors").isLessThanOrEqualTo(openBefore + FD_SLACK);
    }

    @Test
    void run_everyKindOfEnding_leavesNoBusyThreadProcessOrFileDescriptor() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "no " + OPEN_FILES + " on this system");
        String prefix = "ending-test";
        ProcessExecutor executor = ProcessExecutor.builder().threadName(prefix).pumpKeepAlive(KEEP_ALIVE).build();
        Set<Long> before = TestProcesses.descendants();
        executor.run(sh("exit 2"), Map.of(), TIMEOUT, sink, sink);
        long openBefore = countOpenFiles();

        List<String> busy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertThat(executor.run(sh("echo out; echo err >&2; exit 2"), Map.of(), TIMEOUT, sink, sink))
                    .isEqualTo(RunResult.exited(2));
            busy.add("exit " + TestProcesses.awaitIdlePumps(executor, LIMIT));
            assertThat(executor.run(List.of("ddc-no-such-program"), Map.of(), TIMEOUT, sink, sink).kind())
                    .contains(Failure.Kind.COULD_NOT_START);
            busy.add("no program " + TestProcesses.awaitIdlePumps(executor, LIMIT));
            assertThat(executor.run(sh("sleep 10 & wait"), Map.of(), Duration.ofMillis(50), sink, sink).kind())
                    .contains(Failure.Kind.TIMED_OUT);
            busy.add("timeout " + TestProcesses.awaitIdlePumps(executor, LIMIT));
        }

        assertThat(busy).as("pumps busy after run returned").allMatch(entry -> entry.endsWith(" 0"));
        assertThat(TestProcesses.awaitNoThreadNamedWith(prefix, KEEP_ALIVE.plus(LIMIT)))
                .as("idle pump threads that did not end").isEmpty();
        assertThat(TestProcesses.awaitNoDescendantsBut(before, Duration.ofSeconds(3))).as("processes left").isEmpty();
        assertThat(countOpenFiles()).as("open file descriptors").isLessThanOrEqualTo(openBefore + FD_SLACK);
    }

    @Test
    void run_threadsItStarts_areTwoNamedDaemonPumps() throws Exception {
        String prefix = "naming-test";
        ProcessExecutor executor = ProcessExecutor.builder().threadName(prefix).build();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Set<Thread> seen = new LinkedHashSet<>();
        OutputStream spy = new OutputStream() {
            @Override
            public void write(int b) {
                snapshot();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                snapshot();
            }

            private void snapshot() {
                synchronized (seen) {
                    if (seen.isEmpty()) {
                        // every thread that appeared since the run began, whatever its name
                        Thread.getAllStackTraces().keySet().stream()
                                .filter(thread -> !before.contains(thread))
                                .filter(thread -> !thread.getName().startsWith("process reaper"))
                                .forEach(seen::add);
                    }
                }
            }
        };

        // the output comes once every thread has started, and the program goes on long after it
        RunResult result = executor.run(sh("sleep 0.3; echo x; sleep 0.3"), Map.of(), TIMEOUT, spy, sink);

        assertThat(result).isEqualTo(RunResult.exited(0));
        synchronized (seen) {
            assertThat(TestProcesses.names(seen)).as("the two pumps; the caller waits and watches the time")
                    .hasSize(2).allMatch(name -> name.matches(prefix + "-pump-[0-9]+"));
            assertThat(seen).allMatch(Thread::isDaemon, "is a daemon");
        }
    }

    private static long countOpenFiles() throws IOException {
        try (Stream<Path> entries = Files.list(OPEN_FILES)) {
            return entries.count();
        }
    }
}

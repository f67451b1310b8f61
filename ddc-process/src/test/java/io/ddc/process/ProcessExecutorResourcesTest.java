package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No thread, process or file descriptor outlives the run that made it. */
final class ProcessExecutorResourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");
    /** Descriptors the JVM may open meanwhile for its own needs (class loading, logging). */
    private static final int FD_SLACK = 5;

    private final OutputStream sink = OutputStream.nullOutputStream();

    @Test
    void run_manyExecutions_leaveNoThreadProcessOrFileDescriptor() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "no " + OPEN_FILES + " on this system");
        String prefix = "leak-test";
        ProcessExecutor executor = ProcessExecutor.builder().threadName(prefix).build();
        Set<Long> before = TestProcesses.descendants();
        for (int i = 0; i < 5; i++) {
            executor.run(List.of("true"), Map.of(), TIMEOUT, sink, sink);
        }
        long openBefore = countOpenFiles();

        List<String> threadsLeft = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RunResult result = executor.run(List.of("true"), Map.of(), TIMEOUT, sink, sink);
            assertThat(result).isEqualTo(RunResult.exited(0));
            threadsLeft.addAll(TestProcesses.names(TestProcesses.threadsNamedWith(prefix)));
        }

        assertThat(threadsLeft).as("threads alive after run returned").isEmpty();
        assertThat(TestProcesses.descendantsBut(before)).as("processes left").isEmpty();
        assertThat(countOpenFiles()).as("open file descriptors").isLessThanOrEqualTo(openBefore + FD_SLACK);
    }

    @Test
    void run_everyKindOfEnding_leavesNoThreadProcessOrFileDescriptor() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "no " + OPEN_FILES + " on this system");
        String prefix = "ending-test";
        ProcessExecutor executor = ProcessExecutor.builder().threadName(prefix).build();
        Set<Long> before = TestProcesses.descendants();
        executor.run(sh("exit 2"), Map.of(), TIMEOUT, sink, sink);
        long openBefore = countOpenFiles();

        List<String> threadsLeft = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertThat(executor.run(sh("echo out; echo err >&2; exit 2"), Map.of(), TIMEOUT, sink, sink))
                    .isEqualTo(RunResult.exited(2));
            threadsLeft.addAll(TestProcesses.names(TestProcesses.threadsNamedWith(prefix)));
            assertThat(executor.run(List.of("ddc-no-such-program"), Map.of(), TIMEOUT, sink, sink).status())
                    .isEqualTo(RunResult.Status.COULD_NOT_START);
            threadsLeft.addAll(TestProcesses.names(TestProcesses.threadsNamedWith(prefix)));
            assertThat(executor.run(sh("sleep 10 & wait"), Map.of(), Duration.ofMillis(50), sink, sink).status())
                    .isEqualTo(RunResult.Status.TIMED_OUT);
            threadsLeft.addAll(TestProcesses.names(TestProcesses.threadsNamedWith(prefix)));
        }

        assertThat(threadsLeft).as("threads alive after run returned").isEmpty();
        assertThat(TestProcesses.awaitNoDescendantsBut(before, Duration.ofSeconds(3))).as("processes left").isEmpty();
        assertThat(countOpenFiles()).as("open file descriptors").isLessThanOrEqualTo(openBefore + FD_SLACK);
    }

    @Test
    void run_threadsItStarts_carryThePrefixAndAreDaemons() throws Exception {
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
                        // commons-exec names its threads "CommonsExec..." unless told otherwise
                        Thread.getAllStackTraces().keySet().stream()
                                .filter(thread -> !before.contains(thread))
                                .filter(thread -> thread.getName().contains(prefix)
                                        || thread.getName().contains("CommonsExec"))
                                .forEach(seen::add);
                    }
                }
            }
        };

        // the output comes once every thread has started, and the program goes on long after it
        RunResult result = executor.run(sh("sleep 0.3; echo x; sleep 0.3"), Map.of(), TIMEOUT, spy, sink);

        assertThat(result).isEqualTo(RunResult.exited(0));
        synchronized (seen) {
            assertThat(seen).as("executor, watchdog and two pumps").hasSize(4);
            assertThat(TestProcesses.names(seen)).allMatch(name -> name.startsWith(prefix + "-"));
            assertThat(seen).allMatch(Thread::isDaemon, "is a daemon");
        }
    }

    private static long countOpenFiles() throws IOException {
        try (Stream<Path> entries = Files.list(OPEN_FILES)) {
            return entries.count();
        }
    }
}

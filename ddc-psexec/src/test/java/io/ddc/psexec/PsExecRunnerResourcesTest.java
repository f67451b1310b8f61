package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import io.ddc.testing.LiveThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** No thread, process or file descriptor outlives the executions that made them. */
@DisabledOnOs(OS.WINDOWS)
final class PsExecRunnerResourcesTest {
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");
    /** Descriptors the JVM may open meanwhile for its own needs (class loading, logging). */
    private static final int FD_SLACK = 5;
    /**
     * A fast launcher with PsExec's output on a pipe (progress, program output, closing line): the
     * Java double would spend most of this test starting JVMs.
     */
    private static final String FAST_LAUNCHER = """
            #!/bin/sh
            host=${1#??}
            printf 'Connecting to %s...\\r\\r\\rStarting hostname on %s...\\r\\r\\r' "$host" "$host" >&2
            echo "$host"
            printf '\\r\\r\\r\\nhostname exited on %s with error code 0.\\r\\n' "$host" >&2
            """;

    @TempDir
    Path dir;

    @Test
    void thousandExecutions_eightAtATime_leaveThreadsProcessesAndDescriptorsAtTheirBaseline() throws Exception {
        assumeTrue(Files.isDirectory(OPEN_FILES), "skipped: no " + OPEN_FILES + " on this system");
        Path launcher = dir.resolve("fast-psexec");
        Files.writeString(launcher, FAST_LAUNCHER, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        PsExecRunner runner = PsExecRunner.builder().launcher(launcher).serviceName("DDC-test").build();
        Probe probe = Probe.builder("name").command("hostname").timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 10; i++) {
            runOnce(runner, probe, i);
        }
        long openBefore = countOpenFiles();
        long threadsBefore = liveThreads();

        AtomicInteger wrong = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8, task -> new Thread(task, "test-caller"));
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                calls.add(callers.submit(() -> {
                    if (!runOnce(runner, probe, n)) {
                        wrong.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdown();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(wrong.get()).as("executions with another result or output").isZero();
        assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("ddc-psexec"), Duration.ofSeconds(3)))
                .as("threads of the runner still at work").isEmpty();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
                .as("processes left").isZero();
        assertThat(countOpenFiles()).as("open file descriptors").isLessThanOrEqualTo(openBefore + FD_SLACK);
        assertThat(liveThreads()).as("live threads").isLessThanOrEqualTo(threadsBefore);
    }

    private static boolean runOnce(PsExecRunner runner, Probe probe, int n) throws InterruptedException {
        String target = "m" + n;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        RunResult result = runner.run(new ExecutionRequest("exp", 1L, Target.of(target), probe, stdout, stderr));
        return result.equals(RunResult.exited(0)) && stdout.toString(StandardCharsets.UTF_8).equals(target + "\n")
                && stderr.size() == 0;
    }

    /**
     * Live threads, but those kept for a while in a cache: the JDK's own process reapers and the
     * runner's idle pumps.
     */
    private static long liveThreads() {
        return LiveThreads.working(name -> !name.startsWith("process reaper")).size();
    }

    private static long countOpenFiles() throws IOException {
        try (Stream<Path> entries = Files.list(OPEN_FILES)) {
            return entries.count();
        }
    }
}

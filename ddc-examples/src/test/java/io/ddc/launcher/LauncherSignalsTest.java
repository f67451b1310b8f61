package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.TraceLine;
import io.ddc.files.OutputFile;
import io.ddc.files.TraceReader;
import io.ddc.testing.ChildJvm;
import io.ddc.testing.MarkedProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher in its own JVM, stopped by a real SIGINT or SIGTERM while a probe with a child runs
 * for an hour. Regression: SIGTERM made the JVM wait 30 s, exit with 143 while it printed 130, write
 * no trace line and no record, and leave the probe running.
 */
@EnabledOnOs(OS.LINUX)
final class LauncherSignalsTest {
    @TempDir
    Path temp;

    private final String marker = "3632." + ProcessHandle.current().pid() + System.nanoTime() % 100_000;
    private Process launcher;
    private Thread copier;

    @AfterEach
    void leaveNothingRunning() throws InterruptedException {
        if (launcher != null) {
            launcher.destroyForcibly();
            launcher.waitFor(10, TimeUnit.SECONDS);
        }
        MarkedProcesses.killAll(marker);
    }

    @ParameterizedTest
    @CsvSource({"INT, 130, SIGINT (Ctrl-C)", "TERM, 143, SIGTERM"})
    void aSignal_killsTheProbeAfterTheGrace_writesItsRecordAndTraceLine_andExitsWithItsCode(String signal,
            int exitCode, String name) throws Exception {
        Path out = temp.resolve("out.txt");
        launcher = start(out, "exec", "--out", temp.resolve("root").toString(), "--grace", "1s", "--target",
                "127.0.0.1", "--", "sh", "-c", "sleep " + marker + " & wait");
        assertThat(MarkedProcesses.awaitOne(marker, Duration.ofSeconds(60))).as("the probe runs").isTrue();

        long sent = System.nanoTime();
        kill(signal, launcher.pid());
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        copier.join(TimeUnit.SECONDS.toMillis(10));

        List<String> printed = Files.readAllLines(out, UTF_8);
        String errors = Files.readString(temp.resolve("err.txt"), UTF_8);
        assertThat(launcher.exitValue()).as("exit code; printed %s, errors %s", printed, errors).isEqualTo(exitCode);
        assertThat(errors).contains("ddc exec: " + name + " received: no new target starts; executions still running"
                + " in 1s are killed");
        assertThat(printed).contains("stopped by " + name + ": the last iteration's trace lines are written; exit code "
                + exitCode).anyMatch(line -> line.startsWith("  failed, 1 result of probe exec on 127.0.0.1: stopped:"
                        + " still running when the grace of 1 s after the stop ended, so it was killed"));
        assertThat(MarkedProcesses.awaitNone(marker, Duration.ofSeconds(5))).as("processes left").isEmpty();
        Path folder = temp.resolve("root").resolve("exec");
        List<TraceLine> lines = TraceReader.readAll(folder.resolve("exec.trace"));
        assertThat(lines).singleElement().satisfies(line -> assertThat(line.failed()).containsExactly("127.0.0.1"));
        assertThat(OutputFile.index(folder.resolve("127.0.0.1").resolve("exec.stdout")).records()).singleElement()
                .satisfies(record -> assertThat(record.failure()).contains(Failure.Kind.STOPPED));
        System.out.println("SIG" + signal + ": the launcher exited " + tookMillis + " ms after the signal (grace 1 s)");
    }

    private Process start(Path out, String... args) throws IOException {
        Process process = ChildJvm.start(DdcCli.class, temp.resolve("err.txt"), args);
        // the launcher's output, read once it has ended
        copier = new Thread(() -> {
            try {
                Files.copy(process.getInputStream(), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "launcher-output");
        copier.setDaemon(true);
        copier.start();
        return process;
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}

package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a run ends when the program does not time out: its exit code, or why it could not start. */
final class ProcessExecutorExitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessExecutor executor = ProcessExecutor.builder().threadName("exit-test").build();
    private final OutputStream sink = OutputStream.nullOutputStream();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 255})
    void run_programExits_reportsItsExitCode(int code) throws Exception {
        RunResult result = executor.run(sh("exit " + code), Map.of(), TIMEOUT, sink, sink);

        assertThat(result).isEqualTo(RunResult.exited(code));
    }

    @Test
    void run_nonZeroExitOfAProgramRunDirectly_isNotAFailureToStart() throws Exception {
        RunResult result = executor.run(List.of("false"), Map.of(), TIMEOUT, sink, sink);

        assertThat(result).isEqualTo(RunResult.exited(1));
    }

    @Test
    void run_missingExecutableOnPath_couldNotStartNamingIt() throws Exception {
        RunResult result = executor.run(List.of("ddc-no-such-program", "-v"), Map.of(), TIMEOUT, sink, sink);

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message())
                .startsWith("could not start ddc-no-such-program: ")
                .contains("No such file or directory");
    }

    @Test
    void run_missingExecutableByPath_couldNotStartNamingIt(@TempDir Path directory) throws Exception {
        String missing = directory.resolve("missing-program").toString();

        RunResult result = executor.run(List.of(missing), Map.of(), TIMEOUT, sink, sink);

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.message()).startsWith("could not start " + missing + ": ");
    }

    @Test
    void run_fileWithoutExecutePermission_couldNotStart(@TempDir Path directory) throws Exception {
        Path script = Files.writeString(directory.resolve("not-executable.sh"), "#!/bin/sh\nexit 0\n");

        RunResult result = executor.run(List.of(script.toString()), Map.of(), TIMEOUT, sink, sink);

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.message()).startsWith("could not start " + script + ": ");
    }

    @Test
    void run_missingWorkingDirectory_couldNotStartNamingTheDirectory(@TempDir Path directory) throws Exception {
        Path missing = directory.resolve("gone");
        ProcessExecutor elsewhere = ProcessExecutor.builder().workingDirectory(missing).build();

        RunResult result = elsewhere.run(List.of("true"), Map.of(), TIMEOUT, sink, sink);

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.message()).startsWith("could not start true: ").contains(missing.toString());
    }

    @Test
    void run_workingDirectory_isTheProgramsCurrentDirectory(@TempDir Path directory) throws Exception {
        ProcessExecutor there = ProcessExecutor.builder().workingDirectory(directory).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RunResult result = there.run(sh("pwd -P"), Map.of(), TIMEOUT, out, sink);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(TestProcesses.text(out)).isEqualTo(directory.toRealPath() + "\n");
    }
}

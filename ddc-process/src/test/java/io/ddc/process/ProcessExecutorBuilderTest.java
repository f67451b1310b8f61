package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessExecutorBuilderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessExecutor executor = ProcessExecutor.builder().build();
    private final OutputStream sink = OutputStream.nullOutputStream();

    @Test
    void drainTimeout_zero_isRejected() {
        assertThatThrownBy(() -> ProcessExecutor.builder().drainTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drain timeout must be positive, got PT0S");
    }

    @Test
    void drainTimeout_negative_isRejected() {
        assertThatThrownBy(() -> ProcessExecutor.builder().drainTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drain timeout must be positive, got PT-0.001S");
    }

    @Test
    void builderSetters_null_areRejected() {
        ProcessExecutor.Builder builder = ProcessExecutor.builder();

        assertThatThrownBy(() -> builder.threadName(null))
                .isInstanceOf(NullPointerException.class).hasMessage("prefix");
        assertThatThrownBy(() -> builder.drainTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> builder.workingDirectory(null))
                .isInstanceOf(NullPointerException.class).hasMessage("directory");
    }

    @Test
    void run_nullParameters_areRejected() {
        List<String> command = List.of("true");
        Map<String, String> environment = Map.of();

        assertThatThrownBy(() -> executor.run(null, environment, TIMEOUT, sink, sink))
                .isInstanceOf(NullPointerException.class).hasMessage("command");
        assertThatThrownBy(() -> executor.run(command, null, TIMEOUT, sink, sink))
                .isInstanceOf(NullPointerException.class).hasMessage("environment");
        assertThatThrownBy(() -> executor.run(command, environment, null, sink, sink))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> executor.run(command, environment, TIMEOUT, null, sink))
                .isInstanceOf(NullPointerException.class).hasMessage("stdout");
        assertThatThrownBy(() -> executor.run(command, environment, TIMEOUT, sink, null))
                .isInstanceOf(NullPointerException.class).hasMessage("stderr");
    }

    @Test
    void run_nullArgument_isRejectedInsteadOfDropped() {
        List<String> command = Arrays.asList("printf", "%s|", "a", null, "b");

        assertThatThrownBy(() -> executor.run(command, Map.of(), TIMEOUT, sink, sink))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("command contains null");
    }

    @Test
    void run_emptyCommand_isRejected() {
        assertThatThrownBy(() -> executor.run(List.of(), Map.of(), TIMEOUT, sink, sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command is empty");
    }

    @Test
    void run_zeroTimeout_isRejected() {
        assertThatThrownBy(() -> executor.run(List.of("true"), Map.of(), Duration.ZERO, sink, sink))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_laterChangesToTheBuilder_doNotReachTheBuiltExecutor(@TempDir Path first, @TempDir Path second)
            throws Exception {
        ProcessExecutor.Builder builder = ProcessExecutor.builder().workingDirectory(first);
        ProcessExecutor built = builder.build();
        builder.workingDirectory(second);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RunResult result = built.run(sh("pwd -P"), Map.of(), TIMEOUT, out, sink);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(TestProcesses.text(out)).isEqualTo(first.toRealPath() + "\n");
    }
}

package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static io.ddc.process.TestProcesses.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard input is closed; standard output and error reach their own sinks byte for byte. */
final class ProcessExecutorStreamsTest {
    /** Long enough that a program waiting for input would visibly time out instead of exiting. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ProcessExecutor executor = ProcessExecutor.builder().threadName("streams-test").build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void run_programReadingStdin_seesEndOfFileAtOnce() throws Exception {
        RunResult result = executor.run(sh("cat; echo \"cat=$?\"; echo done"), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("cat=0\ndone\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void run_programAskingForALine_readsNothing() throws Exception {
        RunResult result = executor.run(sh("if read line; then echo \"got $line\"; else echo eof; fi"), Map.of(),
                TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("eof\n");
    }

    @Test
    void run_binaryOutput_isPassedThroughExactly() throws Exception {
        RunResult result = executor.run(List.of("printf", "\\000\\377abc\\r\\n\\200"), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(out.toByteArray()).containsExactly(0, 0xff, 'a', 'b', 'c', '\r', '\n', 0x80);
        assertThat(err.toByteArray()).isEmpty();
    }

    @Test
    void run_outputLargerThanAPipeBuffer_isPassedThroughExactly(@TempDir Path directory) throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        Path file = Files.write(directory.resolve("all-bytes.bin"), content);

        RunResult result = executor.run(List.of("cat", file.toString()), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void run_stdoutAndStderr_areKeptApart() throws Exception {
        RunResult result = executor.run(sh("printf out1; printf err1 >&2; printf out2; printf '\\000\\377' >&2"),
                Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("out1out2");
        assertThat(err.toByteArray()).containsExactly('e', 'r', 'r', '1', 0, 0xff);
    }

    @Test
    void run_outputOfAFailingProgram_isStillDelivered() throws Exception {
        RunResult result = executor.run(sh("echo partial; echo broken >&2; exit 7"), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(7));
        assertThat(text(out)).isEqualTo("partial\n");
        assertThat(text(err)).isEqualTo("broken\n");
    }

    @Test
    void run_backgroundProcessHoldingStdout_returnsAfterTheDrainTimeoutAndItsPumpEndsWithThePipe() throws Exception {
        Duration drain = Duration.ofMillis(300);
        ProcessExecutor draining = ProcessExecutor.builder().threadName("drain-test").drainTimeout(drain).build();
        long start = System.nanoTime();

        // the sleep left behind keeps the shell's stdout and stderr open; the shell lingers so that
        // both pumps are reading when it exits (the JDK drains a pipe itself if it gets there first)
        Duration linger = Duration.ofMillis(500);
        RunResult result = draining.run(sh("echo before; sleep 30 & echo $!; sleep 0.5"), Map.of(), TIMEOUT, out,
                err);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long orphan = Long.parseLong(text(out).lines().skip(1).findFirst().orElseThrow());
        try {
            assertThat(result).isEqualTo(RunResult.exited(0));
            assertThat(text(out)).startsWith("before\n");
            assertThat(took).as("returned without waiting for the background process")
                    .isBetween(linger.plus(drain), TIMEOUT.minusSeconds(1));
            assertThat(draining.busyPumps()).as("both pumps: the sleep holds stdout and stderr").isEqualTo(2);
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(TestProcesses.awaitIdlePumps(draining, Duration.ofSeconds(3))).as("pumps left busy").isZero();
    }
}

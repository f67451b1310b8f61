package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.launcher.Cli;
import io.ddc.Completion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example runs as shown. */
final class EmbeddingExampleTest {
    @TempDir
    Path temp;

    @Test
    void run_twoPeriodicIterations_allSucceed_andWriteTheDefaultStorage() throws Exception {
        Completion completion = EmbeddingExample.run(temp);

        assertThat(completion.iterations()).isEqualTo(2);
        assertThat(completion.reason()).isEqualTo(Completion.Reason.MAX_ITERATIONS);
        assertThat(completion.allSucceeded()).isTrue();
        assertThat(Files.readAllLines(temp.resolve("load").resolve("loadavg.trace"), UTF_8))
                .hasSize(2)
                .allMatch(line -> line.matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|\\d+\\.\\d\\|127\\.0\\.0\\.1,\\| \\| \\|"));
        assertThat(temp.resolve("load").resolve("127.0.0.1").resolve("loadavg.stdout")).isRegularFile();
        assertThat(Cli.demoThreads()).isEmpty();
    }
}

package io.ddc.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class ProcessTreeTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    @RegisterExtension
    final ProcessBaseline processes = new ProcessBaseline();

    @Test
    void kill_killsEveryGeneration() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sh -c 'sleep 60 & sleep 60' & sleep 60 & wait").start();
        awaitDescendants(5);

        ProcessTree.kill(root.toHandle());

        assertThat(TestProcesses.awaitNoDescendantsBut(processes.before(), LIMIT)).as("still alive").isEmpty();
    }

    @Test
    void kill_parentDoesNotGoOnToItsNextStep(@TempDir Path directory) throws Exception {
        Path marker = directory.resolve("next-step-ran");
        Process root = new ProcessBuilder("sh", "-c", "sleep 60; : > \"$0\"", marker.toString()).start();
        awaitDescendants(2);

        ProcessTree.kill(root.toHandle());
        root.waitFor();

        assertThat(TestProcesses.awaitNoDescendantsBut(processes.before(), LIMIT)).as("still alive").isEmpty();
        assertThat(marker).doesNotExist();
    }

    /** Waits until the tree has grown to at least {@code count} processes, root included. */
    private void awaitDescendants(int count) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (TestProcesses.descendantsBut(processes.before()).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(TestProcesses.descendantsBut(processes.before())).hasSizeGreaterThanOrEqualTo(count);
    }
}

package io.ddc.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TreeWatchdogTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private final ExecutionThreads threads = new ExecutionThreads("watchdog-test");
    @RegisterExtension
    final ProcessBaseline processes = new ProcessBaseline();

    @Test
    void add_afterKillNow_killsTheProcessAsSoonAsItIsKnown() throws Exception {
        TreeWatchdog watchdog = new TreeWatchdog(Duration.ofSeconds(60), threads);
        watchdog.killNow();
        Process process = new ProcessBuilder("sleep", "60").start();

        watchdog.add(process);

        assertThat(TestProcesses.awaitGone(List.of(process.pid()), LIMIT)).as("still alive").isEmpty();
        assertThat(watchdog.fired()).isFalse();
        assertThat(TestProcesses.threadsNamedWith("watchdog-test")).as("timer started").isEmpty();
    }

    @Test
    void add_afterFinish_startsNoTimer() throws Exception {
        TreeWatchdog watchdog = new TreeWatchdog(Duration.ofMillis(100), threads);
        watchdog.finish();
        Process process = new ProcessBuilder("sleep", "60").start();

        watchdog.add(process);

        assertThat(TestProcesses.threadsNamedWith("watchdog-test")).as("timer started").isEmpty();
        assertThat(process.isAlive()).isTrue();
        process.destroyForcibly().waitFor();
    }

    @Test
    void timeout_killsTheTreeAndSaysSo() throws Exception {
        TreeWatchdog watchdog = new TreeWatchdog(Duration.ofMillis(200), threads);
        Process process = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();

        watchdog.add(process);
        process.waitFor();

        assertThat(watchdog.fired()).isTrue();
        assertThat(TestProcesses.awaitNoDescendantsBut(processes.before(), LIMIT)).as("still alive").isEmpty();
    }
}

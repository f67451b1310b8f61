package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Probe;
import io.ddc.Target;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RemoteRunnerTest {

    @Test
    void load_unknownName_listsTheInstalledRunners() {
        assertThatThrownBy(() -> RemoteRunner.load("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no runner named 'nope'; installed runners: none");
    }

    @Test
    void load_null_isRejected() {
        assertThatThrownBy(() -> RemoteRunner.load(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void defaultAvailabilityCheck_isAlways() {
        RemoteRunner runner = new RemoteRunner() {
            @Override
            public String name() {
                return "minimal";
            }

            @Override
            public RunResult run(ExecutionRequest request) {
                return RunResult.exited(0);
            }
        };

        assertThat(runner.defaultAvailabilityCheck()).isSameAs(AvailabilityCheck.always());
    }

    @Test
    void executionRequest_exposesTheProbesCommandAndTimeout() {
        Probe probe = Probe.builder("load").command("cat", "/proc/loadavg").timeout(Duration.ofSeconds(5)).build();

        ExecutionRequest request = new ExecutionRequest("lab", 7, Target.of("m01"), probe, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());

        assertThat(request.command()).containsExactly("cat", "/proc/loadavg");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void executionRequest_nullComponent_isRejectedWithItsName() {
        Probe probe = Probe.builder("load").command("true").build();

        assertThatThrownBy(() -> new ExecutionRequest("lab", 7, Target.of("m01"), probe, new ByteArrayOutputStream(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("stderr");
    }

    @Test
    void sleeper_system_sleepsAndCanBeInterrupted() throws InterruptedException {
        Sleeper sleeper = Sleeper.system();
        long start = System.nanoTime();

        sleeper.sleep(Duration.ofMillis(20));

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}

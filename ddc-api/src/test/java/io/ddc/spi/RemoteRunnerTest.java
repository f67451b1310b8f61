package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Probe;
import io.ddc.Target;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
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
        RemoteRunner runner = minimal();

        assertThat(runner.defaultAvailabilityCheck()).isSameAs(AvailabilityCheck.always());
    }

    @Test
    void targetFamily_isUnknown_unlessTheRunnerSays() {
        RemoteRunner unsaid = minimal();

        assertThat(unsaid.targetFamily()).isEqualTo(TargetFamily.UNKNOWN);
        assertThat(osProbe(unsaid).command()).containsExactly("uname", "-a");
        assertThat(osProbe(windows()).command()).containsExactly("cmd", "/c", "ver");
    }

    /** The example of {@link RemoteRunner#targetFamily()}'s description, compiled. */
    private static Probe osProbe(RemoteRunner runner) {
        List<String> osVersion = switch (runner.targetFamily()) {
            case WINDOWS -> List.of("cmd", "/c", "ver");
            case POSIX, UNKNOWN -> List.of("uname", "-a");
        };
        return Probe.builder("os").command(osVersion).build();
    }

    /** A runner that overrides only what it must. */
    private static class MinimalRunner implements RemoteRunner {
        @Override
        public String name() {
            return "minimal";
        }

        @Override
        public RunResult run(ExecutionRequest request) {
            return RunResult.exited(0);
        }
    }

    private static RemoteRunner minimal() {
        return new MinimalRunner();
    }

    private static RemoteRunner windows() {
        return new MinimalRunner() {
            @Override
            public TargetFamily targetFamily() {
                return TargetFamily.WINDOWS;
            }
        };
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

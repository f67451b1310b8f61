package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class RunResultTest {

    @Test
    void exited_hasTheExitCodeAndNoMessage() {
        RunResult result = RunResult.exited(3);

        assertThat(result.status()).isEqualTo(RunResult.Status.EXITED);
        assertThat(result.exitCode()).hasValue(3);
        assertThat(result.message()).isEmpty();
    }

    @Test
    void timedOut_wholeSeconds() {
        RunResult result = RunResult.timedOut(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(RunResult.Status.TIMED_OUT);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message()).isEqualTo("timed out after 30 s; the process tree was killed");
    }

    @Test
    void timedOut_withMillis() {
        assertThat(RunResult.timedOut(Duration.ofMillis(1500)).message())
                .isEqualTo("timed out after 1500 ms; the process tree was killed");
        assertThat(RunResult.timedOut(Duration.ofMillis(250)).message())
                .isEqualTo("timed out after 250 ms; the process tree was killed");
        assertThat(RunResult.timedOut(Duration.ofMinutes(2)).message())
                .isEqualTo("timed out after 120 s; the process tree was killed");
    }

    @Test
    void couldNotStart_keepsTheReason() {
        RunResult result = RunResult.couldNotStart("no such file: smartctl");

        assertThat(result.status()).isEqualTo(RunResult.Status.COULD_NOT_START);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message()).isEqualTo("no such file: smartctl");
    }

    @Test
    void runnerFailure_keepsTheReason() {
        RunResult result = RunResult.runnerFailure("access denied on m07");

        assertThat(result.status()).isEqualTo(RunResult.Status.RUNNER_FAILURE);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message()).isEqualTo("access denied on m07");
    }

    @Test
    void exited_withoutExitCode_isRejected() {
        assertThatThrownBy(() -> new RunResult(RunResult.Status.EXITED, OptionalInt.empty(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXITED result without an exit code");
    }

    @Test
    void notExited_withExitCode_isRejected() {
        assertThatThrownBy(() -> new RunResult(RunResult.Status.TIMED_OUT, OptionalInt.of(1), "timed out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TIMED_OUT result with an exit code");
        assertThatThrownBy(() -> new RunResult(RunResult.Status.RUNNER_FAILURE, OptionalInt.of(2), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RUNNER_FAILURE result with an exit code");
        assertThatThrownBy(() -> new RunResult(RunResult.Status.COULD_NOT_START, OptionalInt.of(127), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("COULD_NOT_START result with an exit code");
    }

    @Test
    void nullComponent_isRejectedWithItsName() {
        assertThatThrownBy(() -> RunResult.couldNotStart(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThatThrownBy(() -> new RunResult(null, OptionalInt.empty(), ""))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status");
    }

    @Test
    void equals_isByValue() {
        assertThat(RunResult.exited(0)).isEqualTo(RunResult.exited(0)).isNotEqualTo(RunResult.exited(1));
        assertThat(RunResult.timedOut(Duration.ofSeconds(30))).isEqualTo(RunResult.timedOut(Duration.ofMillis(30_000)));
    }
}

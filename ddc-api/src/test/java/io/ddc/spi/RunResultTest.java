package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Failure;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class RunResultTest {

    @Test
    void exited_hasTheExitCodeAndNoMessage() {
        RunResult result = RunResult.exited(3);

        assertThat(result.exited()).isTrue();
        assertThat(result.failure()).isEmpty();
        assertThat(result.exitCode()).hasValue(3);
        assertThat(result.message()).isEmpty();
    }

    @Test
    void timedOut_wholeSeconds() {
        RunResult result = RunResult.timedOut(Duration.ofSeconds(30));

        assertThat(result.kind()).contains(Failure.Kind.TIMED_OUT);
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

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message()).isEqualTo("no such file: smartctl");
    }

    @Test
    void runnerFailure_keepsTheReason() {
        RunResult result = RunResult.runnerFailure("access denied on m07");

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.message()).isEqualTo("access denied on m07");
    }

    @Test
    void neitherOrBoth_exitCodeAndFailure_areRejected() {
        assertThatThrownBy(() -> new RunResult(OptionalInt.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a run result has an exit code or a failure, not neither");
        assertThatThrownBy(() -> new RunResult(OptionalInt.of(1),
                Optional.of(new Failure(Failure.Kind.TIMED_OUT, "timed out"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a run result has an exit code or a failure, not both");
    }

    /** One model: a runner reports only the kinds a runner can know; the engine decides the others. */
    @Test
    void aFailureTheEngineDecides_isRejected() {
        for (Failure.Kind kind : new Failure.Kind[] {Failure.Kind.EXIT_CODE_NOT_ACCEPTED,
                Failure.Kind.TARGET_UNAVAILABLE, Failure.Kind.STOPPED}) {
            assertThatThrownBy(() -> new RunResult(OptionalInt.empty(), Optional.of(new Failure(kind, "x"))))
                    .as(kind.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a runner reports ");
        }
    }

    @Test
    void nullComponent_isRejectedWithItsName() {
        assertThatThrownBy(() -> RunResult.couldNotStart(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThatThrownBy(() -> new RunResult(null, Optional.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("exitCode");
    }

    @Test
    void equals_isByValue() {
        assertThat(RunResult.exited(0)).isEqualTo(RunResult.exited(0)).isNotEqualTo(RunResult.exited(1));
        assertThat(RunResult.timedOut(Duration.ofSeconds(30))).isEqualTo(RunResult.timedOut(Duration.ofMillis(30_000)));
    }
}

package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class ExecutionResultTest {
    private static final Target M01 = Target.of("m01");
    private static final Failure TIMED_OUT =
            new Failure(Failure.Kind.TIMED_OUT, "timed out after 30 s; the process tree was killed");

    private static ExecutionResult result(OptionalInt exitCode, Optional<Failure> failure) {
        return new ExecutionResult(M01, "load", 42, exitCode, Output.ofText("out"), Output.empty(),
                Duration.ofMillis(1500), failure);
    }

    @Test
    void succeeded_withExitCodeAndNoFailure() {
        ExecutionResult result = result(OptionalInt.of(0), Optional.empty());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).hasValue(0);
        assertThat(result.failure()).isEmpty();
        assertThat(result).hasToString("ExecutionResult[load@m01 #42 SUCCEEDED exit 0, 1500 ms, stdout 3 B, stderr 0 B]");
    }

    @Test
    void failed_withFailure_andWithOrWithoutExitCode() {
        ExecutionResult timedOut = result(OptionalInt.empty(), Optional.of(TIMED_OUT));
        ExecutionResult badExit = result(OptionalInt.of(3),
                Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code 3 is not accepted")));

        assertThat(timedOut.succeeded()).isFalse();
        assertThat(timedOut).hasToString("ExecutionResult[load@m01 #42 FAILED (TIMED_OUT: timed out after 30 s; the"
                + " process tree was killed), 1500 ms, stdout 3 B, stderr 0 B]");
        assertThat(badExit.exitCode()).hasValue(3);
        assertThat(badExit.succeeded()).isFalse();
    }

    /** One model: the outcome follows from the failure, so no result can say SUCCEEDED with a failure. */
    @Test
    void theOutcome_followsFromTheFailureKind() {
        assertThat(result(OptionalInt.of(0), Optional.empty()).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result(OptionalInt.empty(), Optional.of(TIMED_OUT)).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(OptionalInt.empty(), Optional.of(new Failure(Failure.Kind.TARGET_UNAVAILABLE, "off")))
                .outcome()).isEqualTo(Outcome.UNAVAILABLE);
        for (Failure.Kind kind : Failure.Kind.values()) {
            assertThat(kind.outcome()).as(kind.name())
                    .isEqualTo(kind == Failure.Kind.TARGET_UNAVAILABLE ? Outcome.UNAVAILABLE : Outcome.FAILED);
        }
    }

    @Test
    void succeeded_withoutExitCode_isRejected() {
        assertThatThrownBy(() -> result(OptionalInt.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SUCCEEDED result (no failure) without an exit code");
    }

    @Test
    void unavailable_withAnExitCode_isRejected() {
        Optional<Failure> failure = Optional.of(new Failure(Failure.Kind.TARGET_UNAVAILABLE, "no answer"));

        assertThatThrownBy(() -> result(OptionalInt.of(0), failure))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("UNAVAILABLE result with");
    }

    @Test
    void negativeElapsed_isRejected() {
        assertThatThrownBy(() -> new ExecutionResult(M01, "load", 42, OptionalInt.empty(), Output.empty(),
                Output.empty(), Duration.ofMillis(-1), Optional.of(TIMED_OUT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elapsed must not be negative, got PT-0.001S");
    }

    @Test
    void nullComponent_isRejectedWithItsName() {
        assertThatThrownBy(() -> new ExecutionResult(M01, "load", 42, OptionalInt.of(0), Output.empty(),
                Output.empty(), Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("failure");
        assertThatThrownBy(() -> new ExecutionResult(M01, "load", 42, null, Output.empty(),
                Output.empty(), Duration.ZERO, Optional.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("exitCode");
    }

    @Test
    void unavailable_factory() {
        ExecutionResult result = ExecutionResult.unavailable(M01, "load", 1_081_948_390L, "TCP port 445 refused the connection");

        assertThat(result.target()).isEqualTo(M01);
        assertThat(result.probe()).isEqualTo("load");
        assertThat(result.iterationId()).isEqualTo(1_081_948_390L);
        assertThat(result.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.stdout()).isEqualTo(Output.empty());
        assertThat(result.stderr()).isEqualTo(Output.empty());
        assertThat(result.elapsed()).isZero();
        assertThat(result.failure())
                .contains(new Failure(Failure.Kind.TARGET_UNAVAILABLE, "TCP port 445 refused the connection"));
    }

    @Test
    void failure_toStringShowsKindAndMessage() {
        assertThat(TIMED_OUT).hasToString("TIMED_OUT: timed out after 30 s; the process tree was killed");
        assertThatThrownBy(() -> new Failure(Failure.Kind.TIMED_OUT, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
    }
}

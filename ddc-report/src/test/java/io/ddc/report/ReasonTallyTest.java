package io.ddc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Why results failed, grouped and ranked, for the end of a run and for the report. */
final class ReasonTallyTest {
    private static ExecutionResult failed(String target, String probe, String reason) {
        return new ExecutionResult(Target.of(target), probe, 1, OptionalInt.empty(), Output.empty(),
                Output.empty(), Duration.ZERO, Optional.of(new Failure(Failure.Kind.COULD_NOT_START, reason)));
    }

    @Test
    void results_areGroupedByReason_unavailableByReasonAlone_andRankedByCount() {
        ReasonTally tally = new ReasonTally();
        tally.executionFinished(failed("m2", "os", "could not start uname: No such file"));
        tally.executionFinished(failed("m10", "os", "could not start uname: No such file"));
        tally.executionFinished(failed("m1", "os", "timed out after 30 s; the process tree was killed"));
        for (String probe : List.of("os", "load")) {
            tally.executionFinished(ExecutionResult.unavailable(Target.of("m3"), probe, 1, "TCP port 22 refused the"
                    + " connection"));
        }
        tally.executionFinished(new ExecutionResult(Target.of("m1"), "os", 1, OptionalInt.of(0),
                Output.empty(), Output.empty(), Duration.ZERO, Optional.empty()));

        assertThat(tally.lines(10, "  ")).containsExactly(
                "  unavailable, 2 results on m3: TCP port 22 refused the connection",
                "  failed, 2 results of probe os on m2, m10: could not start uname: No such file",
                "  failed, 1 result of probe os on m1: timed out after 30 s; the process tree was killed");
    }

    @Test
    void aLimit_keepsTheMostFrequent_andCountsTheRest() {
        ReasonTally tally = new ReasonTally();
        for (int i = 0; i < 3; i++) {
            tally.executionFinished(failed("m" + i, "p", "frequent"));
        }
        tally.executionFinished(failed("m9", "p", "rare"));

        assertThat(tally.lines(1, "")).containsExactly("failed, 3 results of probe p on m0, m1, m2: frequent",
                "and 1 result(s) for other reasons");
    }

    @Test
    void manyTargets_areNamedUpToTen() {
        ReasonTally tally = new ReasonTally();
        for (int i = 1; i <= 12; i++) {
            tally.add(Outcome.FAILED, "p", "m" + i, "down");
        }

        assertThat(tally.lines(5, "")).containsExactly("failed, 12 results of probe p on m1, m2, m3, m4, m5, m6, m7,"
                + " m8, m9, m10, ... (12 targets): down");
    }

    @Test
    void theNumberOfReasons_isBounded() {
        ReasonTally tally = new ReasonTally();
        for (int i = 0; i < ReasonTally.MAX_GROUPS + 5; i++) {
            tally.add(Outcome.FAILED, "p", "m1", "reason " + i);
        }

        assertThat(tally.top(Integer.MAX_VALUE)).hasSize(ReasonTally.MAX_GROUPS);
        assertThat(tally.lines(0, "")).containsExactly("and " + (ReasonTally.MAX_GROUPS + 5)
                + " result(s) for other reasons");
    }

    @Test
    void aRecordWithoutReason_fromAnEarlierVersion_saysSo() {
        ReasonTally tally = new ReasonTally();
        tally.add(Outcome.FAILED, "p", "m1", "");

        assertThat(tally.lines(5, "")).containsExactly("failed, 1 result of probe p on m1: (no reason stored)");
    }
}

package io.ddc.inuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Target;
import io.ddc.core.LocalRunner;
import io.ddc.spi.Availability;
import io.ddc.spi.AvailabilityCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The check through real processes: the {@link LocalRunner} runs {@code /bin/sh} scripts that print
 * what quser or who would, with their exit codes, so the whole path (process, pipes, exit code,
 * timeout) is exercised deterministically.
 */
@EnabledOnOs(OS.LINUX)
final class InUseCheckProcessTest {
    private static final Target M01 = Target.of("m01");

    private static Availability check(LoggedOnQuery query, String script) throws InterruptedException {
        return InUseCheck.builder(AvailabilityCheck.always(), LocalRunner.create())
                .query(query.withCommand("/bin/sh", "-c", script))
                .timeout(Duration.ofSeconds(10))
                .build()
                .check(M01);
    }

    @Test
    void quserPrintingATable_andExitingOne_isInUse() throws Exception {
        String script = "printf ' USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME\\r\\n'; "
                + "printf '>mara                  console             4  Active      none   2/3/2026 8:01 AM\\r\\n'; "
                + "exit 1";

        assertThat(check(LoggedOnQuery.quser(), script)).isEqualTo(Availability.unavailable("in use: mara logged on"));
    }

    @Test
    void quserSayingNoUserOnStandardError_andExitingOne_isAvailable() throws Exception {
        assertThat(check(LoggedOnQuery.quser(), "printf 'No User exists for *\\r\\n' >&2; exit 1"))
                .isEqualTo(Availability.available());
    }

    @Test
    void whoListingTheTargetsLogins_isInUse_andTheTargetReachesTheQuery() throws Exception {
        String script = "printf '%s      pts/1        2026-02-03 08:12 (10.1.2.3)\\n' \"user-on-$DDC_TARGET\"";

        assertThat(check(LoggedOnQuery.who(), script)).isEqualTo(Availability.unavailable("in use: user-on-m01 logged on"));
    }

    @Test
    void aQueryThatHangs_isKilledAtItsTimeout_andFailsClosed() throws Exception {
        long start = System.nanoTime();

        Availability answer = InUseCheck.builder(AvailabilityCheck.always(), LocalRunner.create())
                .query(LoggedOnQuery.who().withCommand("/bin/sh", "-c", "sleep 30"))
                .timeout(Duration.ofMillis(300))
                .build()
                .check(M01);

        assertThat(answer).isEqualTo(Availability.unavailable(
                "in use check failed: /bin/sh timed out after 300 ms; the process tree was killed"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aQueryThatCannotBeStarted_failsClosed() throws Exception {
        Availability answer = InUseCheck.wrapping(AvailabilityCheck.always(), LocalRunner.create(),
                LoggedOnQuery.who().withCommand("/nonexistent/who")).check(M01);

        assertThat(answer.isAvailable()).isFalse();
        assertThat(answer.reason()).startsWith("in use check failed: /nonexistent/who could not be started: ");
    }

    /**
     * This machine's own who: who is logged on here is unknown, so only the shape of the answer is
     * checked. Both answers are allowed, a failed query is not: "in use check failed: ..." also
     * starts with "in use".
     */
    @Test
    void theRealWho_givesAnAnswer() throws Exception {
        Availability answer = InUseCheck.wrapping(AvailabilityCheck.always(), LocalRunner.create()).check(M01);

        assertThat(answer.isAvailable() ? "available" : answer.reason()).matches("available|in use: \\S.* logged on");
    }
}

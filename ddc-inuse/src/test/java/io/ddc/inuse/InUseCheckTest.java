package io.ddc.inuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Target;
import io.ddc.core.LocalRunner;
import io.ddc.spi.Availability;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check end to end, with a runner that plays back scripted outputs and endings. */
final class InUseCheckTest {
    private static final Target M01 = Target.of("m01");
    private static final String QUSER_HEADER =
            " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME\r\n";
    private static final String TWO_SESSIONS = QUSER_HEADER
            + ">mara                  console             4  Active      none   2/3/2026 8:01 AM\r\n"
            + " ops-backup                               12  Disc        3:10   2/3/2026 6:00 AM\r\n";

    /** Plays one scripted call: what it prints on each stream and how it ends. Records every request. */
    private static final class ScriptedRunner implements RemoteRunner {
        interface Ending {
            RunResult end(ExecutionRequest request) throws InterruptedException;
        }

        private final String name;
        private final TargetFamily family;
        private final String stdout;
        private final String stderr;
        private final Ending ending;
        final List<ExecutionRequest> requests = new ArrayList<>();

        ScriptedRunner(String name, TargetFamily family, String stdout, String stderr, Ending ending) {
            this.name = name;
            this.family = family;
            this.stdout = stdout;
            this.stderr = stderr;
            this.ending = ending;
        }

        static ScriptedRunner psexec(String stdout, String stderr, int exitCode) {
            return new ScriptedRunner("psexec", TargetFamily.WINDOWS, stdout, stderr,
                    request -> RunResult.exited(exitCode));
        }

        /** As the SSH runner set up for PowerShell targets answers: named ssh, reaching Windows. */
        static ScriptedRunner sshToPowerShell(String stdout, String stderr, int exitCode) {
            return new ScriptedRunner("ssh", TargetFamily.WINDOWS, stdout, stderr,
                    request -> RunResult.exited(exitCode));
        }

        static ScriptedRunner sshToPosix(String stdout) {
            return new ScriptedRunner("ssh", TargetFamily.POSIX, stdout, "", request -> RunResult.exited(0));
        }

        static ScriptedRunner ending(Ending ending) {
            return new ScriptedRunner("psexec", TargetFamily.WINDOWS, "", "", ending);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TargetFamily targetFamily() {
            return family;
        }

        @Override
        public synchronized RunResult run(ExecutionRequest request) throws InterruptedException {
            requests.add(request);
            write(request.stdout(), stdout);
            write(request.stderr(), stderr);
            return ending.end(request);
        }

        private static void write(OutputStream sink, String text) {
            try {
                sink.write(text.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Availability check(RemoteRunner runner) throws InterruptedException {
        return InUseCheck.wrapping(AvailabilityCheck.always(), runner).check(M01);
    }

    @Test
    void quserExitOne_withSessionsListed_isInUse_namingEveryUser() throws Exception {
        assertThat(check(ScriptedRunner.psexec(TWO_SESSIONS, "", 1)))
                .isEqualTo(Availability.unavailable("in use: mara, ops-backup logged on"));
    }

    @Test
    void quserExitOne_withNoUserExists_isAvailable() throws Exception {
        assertThat(check(ScriptedRunner.psexec("", "No User exists for *\r\n", 1))).isEqualTo(Availability.available());
    }

    @Test
    void theInnerCheckRunsFirst_andItsNoIsReturnedUnchanged_withoutCallingTheRunner() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec(TWO_SESSIONS, "", 1);
        Availability off = Availability.unavailable("TCP port 445 refused the connection");

        Availability answer = InUseCheck.wrapping(target -> off, runner).check(M01);

        assertThat(answer).isSameAs(off);
        assertThat(runner.requests).isEmpty();
    }

    @Test
    void theQueryRunsOnTheTarget_withItsOwnTimeout_andTheChosenCommand() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec("", "No User exists for *\r\n", 1);

        InUseCheck.builder(AvailabilityCheck.always(), runner).timeout(Duration.ofSeconds(3)).build().check(M01);

        assertThat(runner.requests).hasSize(1);
        ExecutionRequest request = runner.requests.get(0);
        assertThat(request.target()).isEqualTo(M01);
        assertThat(request.command()).containsExactly("quser");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(request.experiment()).isEqualTo(InUseCheck.REQUEST_EXPERIMENT);
        assertThat(request.probe().name()).isEqualTo(InUseCheck.QUERY_PROBE);
    }

    @Test
    void aTimeout_failsClosed() throws Exception {
        ScriptedRunner runner = ScriptedRunner.ending(request -> RunResult.timedOut(request.timeout()));

        assertThat(check(runner)).isEqualTo(Availability.unavailable(
                "in use check failed: quser timed out after 10 s; the process tree was killed"));
    }

    @Test
    void aQueryThatCannotStart_failsClosed() throws Exception {
        ScriptedRunner runner = ScriptedRunner.ending(request -> RunResult.couldNotStart(
                "PsExec could not start quser on m01: The system cannot find the file specified."));

        assertThat(check(runner)).isEqualTo(Availability.unavailable("in use check failed: quser could not be started:"
                + " PsExec could not start quser on m01: The system cannot find the file specified."));
    }

    @Test
    void aRunnerFailure_failsClosed() throws Exception {
        ScriptedRunner runner = ScriptedRunner.ending(request -> RunResult.runnerFailure("access denied on m01"));

        assertThat(check(runner)).isEqualTo(Availability.unavailable(
                "in use check failed: runner failure: access denied on m01"));
    }

    @Test
    void aRunnerThatThrows_failsClosed_andTheExceptionDoesNotEscape() throws Exception {
        ScriptedRunner runner = ScriptedRunner.ending(request -> {
            throw new IllegalStateException("broken pipe");
        });

        assertThat(check(runner)).isEqualTo(Availability.unavailable(
                "in use check failed: runner psexec threw java.lang.IllegalStateException: broken pipe"));
    }

    @Test
    void outputNotUnderstood_failsClosed_sayingWhy() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec("", "Error [1722]:The RPC server is unavailable.\r\n", 1);

        assertThat(check(runner)).isEqualTo(Availability.unavailable("in use check failed: quser output not understood:"
                + " quser printed neither a session table nor a \"nobody\" message:"
                + " 'Error [1722]:The RPC server is unavailable.'"));
    }

    @Test
    void anInterruptedQuery_propagates() {
        ScriptedRunner runner = ScriptedRunner.ending(request -> {
            throw new InterruptedException("stop");
        });

        assertThatThrownBy(() -> check(runner)).isInstanceOf(InterruptedException.class).hasMessage("stop");
    }

    @Test
    void ignoredUsers_doNotCount_comparedWithoutCase() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec(TWO_SESSIONS, "", 1);

        Availability answer = InUseCheck.builder(AvailabilityCheck.always(), runner)
                .ignoreUsers("OPS-BACKUP", "MARA").build().check(M01);

        assertThat(answer).isEqualTo(Availability.available());
    }

    @Test
    void activeSessionsOnly_letsDisconnectedSessionsPass() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec(TWO_SESSIONS, "", 1);

        Availability everySession = InUseCheck.builder(AvailabilityCheck.always(), runner).ignoreUsers("mara")
                .build().check(M01);
        Availability activeOnly = InUseCheck.builder(AvailabilityCheck.always(), runner).ignoreUsers("mara")
                .activeSessionsOnly(true).build().check(M01);

        assertThat(everySession).isEqualTo(Availability.unavailable("in use: ops-backup logged on"));
        assertThat(activeOnly).isEqualTo(Availability.available());
    }

    @Test
    void aUserWithSeveralSessions_isNamedOnce_andLongListsAreCut() throws Exception {
        StringBuilder who = new StringBuilder();
        for (String user : List.of("u1", "u2", "u1", "u3", "u4", "u5", "u6", "u7")) {
            who.append(user).append("       pts/1        2026-02-03 08:12 (10.1.2.3)\n");
        }
        ScriptedRunner runner = ScriptedRunner.sshToPosix(who.toString());

        assertThat(check(runner)).isEqualTo(Availability.unavailable("in use: u1, u2, u3, u4, u5 and 2 more logged on"));
        assertThat(runner.requests.get(0).command()).containsExactly("who");
    }

    @Test
    void controlCharactersInAUserName_areShownEscapedInTheReason() throws Exception {
        ScriptedRunner runner = ScriptedRunner.sshToPosix("ev\u001bil   pts/1   2026-02-03 08:12\n");

        assertThat(check(runner)).isEqualTo(Availability.unavailable("in use: ev\\u001Bil logged on"));
    }

    @Test
    void pastTheCaptureLimit_theUsersReadStillCount() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec(TWO_SESSIONS + " x".repeat(5000), "", 1);

        Availability answer = InUseCheck.builder(AvailabilityCheck.always(), runner)
                .captureLimit(QUSER_HEADER.length() + 100).build().check(M01);

        assertThat(answer).isEqualTo(Availability.unavailable("in use: mara logged on"));
    }

    @Test
    void pastTheCaptureLimit_withNoUserReadThatCounts_failsClosed() throws Exception {
        ScriptedRunner runner = ScriptedRunner.psexec(TWO_SESSIONS, "", 1);

        Availability answer = InUseCheck.builder(AvailabilityCheck.always(), runner).ignoreUsers("mara")
                .captureLimit(QUSER_HEADER.length() + 100).build().check(M01);

        assertThat(answer).isEqualTo(Availability.unavailable(
                "in use check failed: quser printed more than " + (QUSER_HEADER.length() + 100)
                        + " bytes, and no user who counts in those read"));
    }

    /** Issue 13: the SSH runner in PowerShell mode reaches Windows, yet was asked {@code who}. */
    @Test
    void anSshRunnerToPowerShellTargets_isAskedQuser_notWho() throws Exception {
        ScriptedRunner runner = ScriptedRunner.sshToPowerShell(TWO_SESSIONS, "", 1);

        assertThat(LoggedOnQuery.forRunner(runner)).isSameAs(LoggedOnQuery.quser());
        assertThat(check(runner)).isEqualTo(Availability.unavailable("in use: mara, ops-backup logged on"));
        assertThat(runner.requests.get(0).command()).containsExactly("quser");
    }

    @Test
    void aRunnerThatDoesNotSayItsFamily_isAskedWho_whateverItsName() {
        ScriptedRunner unsaid = new ScriptedRunner("psexec", TargetFamily.UNKNOWN, "", "",
                request -> RunResult.exited(0));

        assertThat(LoggedOnQuery.forRunner(unsaid)).isSameAs(LoggedOnQuery.who());
        assertThat(LoggedOnQuery.forRunner(ScriptedRunner.sshToPosix(""))).isSameAs(LoggedOnQuery.who());
    }

    @Test
    void theQueryIsChosenFromTheRunner_orSetByTheCaller() {
        RemoteRunner psexec = ScriptedRunner.psexec("", "", 1);
        RemoteRunner local = LocalRunner.create();

        assertThat(InUseCheck.wrapping(AvailabilityCheck.always(), psexec).query()).isSameAs(LoggedOnQuery.quser());
        assertThat(InUseCheck.wrapping(AvailabilityCheck.always(), local).query()).isSameAs(LoggedOnQuery.who());
        assertThat(InUseCheck.wrapping(AvailabilityCheck.always(), local, LoggedOnQuery.quser()).query())
                .isSameAs(LoggedOnQuery.quser());
        assertThat(LoggedOnQuery.quser().withCommand("query", "user").command()).containsExactly("query", "user");
    }

    /** The example of InUseCheck's class description, compiled. */
    @Test
    void theClassDescriptionsExample() {
        RemoteRunner runner = LocalRunner.create();
        AvailabilityCheck exclusive = InUseCheck.builder(AvailabilityCheck.tcp(22, Duration.ofMillis(500)), runner)
                .query(LoggedOnQuery.who().withCommand("sh", "-c", "exec ssh -o BatchMode=yes \"$DDC_TARGET\" who"))
                .ignoreUsers("ddc")
                .build();

        assertThat(exclusive).hasToString("in use (who query: sh -c exec ssh -o BatchMode=yes \"$DDC_TARGET\" who)"
                + " after tcp:22 within 500 ms");
    }

    @Test
    void builderValidation() {
        InUseCheck.Builder builder = InUseCheck.builder(AvailabilityCheck.always(), LocalRunner.create());

        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in use check timeout must be positive, got PT0S");
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in use check timeout must be positive, got PT-1S");
        assertThatThrownBy(() -> builder.captureLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in use check capture limit must be positive, got 0");
        assertThatThrownBy(() -> builder.ignoreUsers("ok", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an ignored user name is blank");
        assertThatThrownBy(() -> builder.ignoreUsers((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("user");
        assertThatThrownBy(() -> builder.query(null)).isInstanceOf(NullPointerException.class).hasMessage("newQuery");
        assertThatThrownBy(() -> InUseCheck.builder(null, LocalRunner.create())).isInstanceOf(NullPointerException.class)
                .hasMessage("inner");
        assertThatThrownBy(() -> InUseCheck.builder(AvailabilityCheck.always(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("runner");
    }

    @Test
    void queryValidation() {
        assertThatThrownBy(() -> LoggedOnQuery.who().withCommand(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("who query: the executable is empty");
        assertThatThrownBy(() -> LoggedOnQuery.quser().withCommand("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quser query: the executable is empty");
        assertThatThrownBy(() -> LoggedOnQuery.quser().withCommand("query", "us\0er"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quser query: argument 1 contains a NUL character");
        assertThatThrownBy(() -> LoggedOnQuery.who().withNoUserMessage("nobody")).isInstanceOf(IllegalStateException.class)
                .hasMessage("withNoUserMessage applies to a quser query, not to who");
        assertThatThrownBy(() -> LoggedOnQuery.who().withDisconnectedState("Disc"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("withDisconnectedState applies to a quser query, not to who");
        assertThatThrownBy(() -> LoggedOnQuery.quser().withNoUserMessage(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message is blank");
        assertThatThrownBy(() -> LoggedOnQuery.quser().withDisconnectedState("Dis c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a quser state is one word, got 'Dis c'");
        assertThatThrownBy(() -> LoggedOnQuery.forRunner(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("runner");
    }

    @Test
    void theCapture_keepsTheFirstBytes_dropsACutLastLine_andIgnoresWritesAfterSeal() {
        InUseCapture capture = new InUseCapture(10);
        capture.write("abc\ndefghijkl".getBytes(StandardCharsets.US_ASCII), 0, 13);

        assertThat(capture.isTruncated()).isTrue();
        assertThat(capture.text(StandardCharsets.US_ASCII)).isEqualTo("abc\n");

        InUseCapture sealed = new InUseCapture(100);
        sealed.write('a');
        sealed.seal();
        sealed.write('b');
        assertThat(sealed.text(StandardCharsets.US_ASCII)).isEqualTo("a");
        assertThat(sealed.isTruncated()).isFalse();
    }
}

package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.spi.RunResult;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PsExecVerdictTest {
    private static final PsExecTranscript NOTHING = new PsExecTranscript(OptionalInt.empty(), "", "");

    private static RunResult decide(int status, PsExecTranscript transcript) {
        return PsExecVerdict.decide(RunResult.exited(status), transcript, "PsExec.exe", "m01", false);
    }

    private static PsExecTranscript failure(String message) {
        return new PsExecTranscript(OptionalInt.empty(), message, "Connecting to m01...");
    }

    @Test
    void closingLine_givesTheProgramsExitCode_evenWhenItLooksLikeAWindowsError() {
        assertThat(decide(5, new PsExecTranscript(OptionalInt.of(5), "", ""))).isEqualTo(RunResult.exited(5));
    }

    @Test
    void closingLine_winsOverATruncatedStatus() {
        assertThat(decide(0, new PsExecTranscript(OptionalInt.of(-196608), "", "")))
                .isEqualTo(RunResult.exited(-196608));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Couldn't access m01: The network path was not found. Make sure that the default admin$ share is enabled on m01."
                + "|53|host not found or network path not found: m01",
        "Error creating key file on m01: The network name cannot be found.|67|host not found or network path not found: m01",
        "Couldn't access m01: Access is denied.|5|access denied on m01",
        "Couldn't access m01: The user name or password is incorrect.|1326|logon failure on m01",
        "Couldn't access m01: Logon failure: unknown user name or bad password.|1326|logon failure on m01",
        "Could not start PSEXESVC service on m01: Access is denied.|5|the PsExec service could not be installed or started on m01",
        "Error communicating with PsExec service on m01: No process is on the other end of the pipe.|233"
                + "|the PsExec service could not be installed or started on m01",
    })
    void failureMessage_namesTheCause_andQuotesPsExec(String message, int status, String cause) {
        RunResult result = decide(status, failure(message));

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).isEqualTo(cause
                + (cause.startsWith("logon failure") ? " (bad user name or password, or the account may not log on there)" : "")
                + " (PsExec: \"" + message + "\", exit status " + status + ")");
    }

    @ParameterizedTest
    @CsvSource({"53, host not found", "1326, logon failure", "5, access denied", "1053, the PsExec service"})
    void localisedMessage_isNamedByTheExitStatus(int status, String cause) {
        RunResult result = decide(status, failure("Couldn't access m01: 找不到网络路径。"));

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).startsWith(cause).contains("找不到网络路径。");
    }

    @Test
    void unknownMessageAndStatus_isAPsExecFailureThatQuotesIt() {
        assertThat(decide(4711, failure("Error 42: something new")))
                .isEqualTo(RunResult.runnerFailure("PsExec failed on m01 (PsExec: \"Error 42: something new\", exit status 4711)"));
    }

    @Test
    void programNotFound_couldNotStart() {
        String message = "PsExec could not start powershell on m01: The system cannot find the file specified.";

        assertThat(decide(2, failure(message))).isEqualTo(RunResult.couldNotStart(
                "PsExec could not start the program on m01 (PsExec: \"" + message + "\", exit status 2)"));
    }

    @Test
    void noClosingLineAndNoMessage_isARunnerFailure_thatExplainsTheStatus() {
        RunResult result = decide(53, new PsExecTranscript(OptionalInt.empty(), "", "Connecting to m01..."));

        assertThat(result).isEqualTo(RunResult.runnerFailure("PsExec ended with exit status 53 without its closing"
                + " line '... exited on m01 with error code N.', so the remote program's exit code is unknown; as a"
                + " Windows error code, 53 means: The network path was not found.; PsExec's last step: Connecting to"
                + " m01..."));
    }

    @Test
    void noClosingLine_unknownStatus_saysOnlyWhatIsKnown() {
        assertThat(decide(1, NOTHING)).isEqualTo(RunResult.runnerFailure("PsExec ended with exit status 1 without its"
                + " closing line '... exited on m01 with error code N.', so the remote program's exit code is unknown"));
    }

    @Test
    void trustedLauncherWithoutClosingLine_givesItsStatus() {
        assertThat(PsExecVerdict.decide(RunResult.exited(7), NOTHING, "paexec", "m01", true))
                .isEqualTo(RunResult.exited(7));
    }

    @Test
    void trustedLauncher_stillFailsOnPsExecsMessage() {
        RunResult result = PsExecVerdict.decide(RunResult.exited(5), failure("Couldn't access m01: Access is denied."),
                "paexec", "m01", true);

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
    }

    @Test
    void missingLauncher_isNamed() {
        RunResult result = PsExecVerdict.decide(RunResult.couldNotStart("could not start /opt/PsExec.exe: No such file"),
                NOTHING, "/opt/PsExec.exe", "m01", false);

        assertThat(result).isEqualTo(RunResult.couldNotStart("the launcher /opt/PsExec.exe could not be started"
                + " (could not start /opt/PsExec.exe: No such file); check the launcher path"));
    }

    @Test
    void timeout_stands() {
        RunResult timedOut = RunResult.timedOut(Duration.ofSeconds(3));

        assertThat(PsExecVerdict.decide(timedOut, failure("Couldn't access m01: Access is denied."), "p", "m01", false))
                .isEqualTo(timedOut);
    }
}

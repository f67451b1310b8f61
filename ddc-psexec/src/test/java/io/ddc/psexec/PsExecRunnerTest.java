package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ddc.Failure;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PsExecRunnerTest {
    private static final String SECRET = "S3cr3t-p@ss";
    private static final CredentialsProvider PROVIDER = target -> Credentials.of("LAB\\ddc", SECRET);

    private static Probe probe(String executable, String... arguments) {
        return Probe.builder("p1").command(executable, arguments).timeout(Duration.ofSeconds(5)).build();
    }

    private static ExecutionRequest request(Probe probe) {
        return new ExecutionRequest("exp", 1L, Target.of("m01"), probe, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @Test
    void name_isPsexec() {
        assertThat(new PsExecRunner().name()).isEqualTo("psexec").isEqualTo(PsExecRunner.NAME);
    }

    @Test
    void targetFamily_isWindows() {
        assertThat(new PsExecRunner().targetFamily()).isEqualTo(TargetFamily.WINDOWS);
    }

    @Test
    void defaultAvailabilityCheck_isTcp445Within500ms() {
        AvailabilityCheck check = new PsExecRunner().defaultAvailabilityCheck();

        assertThat(check).hasToString("tcp:445 within 500 ms");
    }

    @Test
    void validate_lineFeedInAnArgument_isRefusedNamingItsIndex() {
        PsExecRunner runner = PsExecRunner.builder().build();

        assertThatIllegalArgumentException().isThrownBy(() -> runner.validate(probe("cmd", "/c", "echo a\necho b")))
                .withMessage("probe 'p1': argument 2 contains a line feed,"
                        + " which a Windows command line cannot carry to the remote program");
    }

    @Test
    void validate_carriageReturn_isRefusedNamingItsIndex() {
        PsExecRunner runner = PsExecRunner.builder().build();

        assertThatIllegalArgumentException().isThrownBy(() -> runner.validate(probe("tool", "a", "b", "c\r")))
                .withMessage("probe 'p1': argument 3 contains a carriage return,"
                        + " which a Windows command line cannot carry to the remote program");
        assertThatIllegalArgumentException().isThrownBy(() -> runner.validate(probe("tool", "x\r\ny")))
                .withMessage("probe 'p1': argument 1 contains a carriage return,"
                        + " which a Windows command line cannot carry to the remote program");
    }

    @Test
    void validate_lineBreakInTheExecutable_isRefused() {
        PsExecRunner runner = PsExecRunner.builder().build();

        assertThatIllegalArgumentException().isThrownBy(() -> runner.validate(probe("tool\n.exe")))
                .withMessage("probe 'p1': the executable (argument 0) contains a line feed,"
                        + " which a Windows command line cannot carry to the remote program");
    }

    @Test
    void validate_executableThatLooksLikeAnOption_isRefused() {
        PsExecRunner runner = PsExecRunner.builder().build();

        assertThatIllegalArgumentException().isThrownBy(() -> runner.validate(probe("-s", "cmd")))
                .withMessage("probe 'p1': the executable '-s' starts with '-'"
                        + " and PsExec would take it for one of its options");
    }

    /**
     * Accepting is only half of it: what validate lets through must reach the remote program
     * unchanged. PsExec joins its remote arguments with spaces into one command line, which the
     * program splits by the Windows rules ({@link WindowsCommandLine}, written apart from the
     * quoting).
     */
    @Test
    void validate_acceptsQuotesSpacesAndShellCharacters_whichReachTheProgramUnchanged() {
        PsExecRunner runner = PsExecRunner.builder().serviceName("DDC-test").build();
        Probe probe = probe("cmd", "/c", "echo \"a b\" & echo %x% ^| y", "", "\t", "C:\\dir\\", "-x");

        runner.validate(probe);

        List<String> argv = runner.arguments(Target.of("m01"), probe.command(), null);
        assertThat(argv.subList(0, 7))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low");
        assertThat(WindowsCommandLine.split(String.join(" ", argv.subList(7, argv.size()))))
                .containsExactlyElementsOf(probe.command());
    }

    @Test
    void run_refusesALineBreakBeforeStartingAnything(@TempDir Path dir) {
        PsExecRunner runner = PsExecRunner.builder().launcher(dir.resolve("never-started")).credentials(PROVIDER).build();

        assertThatIllegalArgumentException().isThrownBy(() -> runner.run(request(probe("cmd", "/c", "a\nb"))))
                .withMessage("probe 'p1': argument 2 contains a line feed,"
                        + " which a Windows command line cannot carry to the remote program")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void run_missingLauncher_couldNotStart_withoutThePassword(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("PsExec.exe");
        PsExecRunner runner = PsExecRunner.builder().launcher(missing).credentials(PROVIDER).build();

        RunResult result = runner.run(request(probe("hostname")));

        assertThat(result.kind()).contains(Failure.Kind.COULD_NOT_START);
        assertThat(result.message()).startsWith("the launcher " + missing + " could not be started (could not start "
                + missing + ": ").endsWith("); check the launcher path").doesNotContain(SECRET);
    }

    @Test
    void run_credentialsProviderThatThrows_isARunnerFailure() throws Exception {
        PsExecRunner runner = PsExecRunner.builder()
                .credentials(target -> {
                    throw new IllegalStateException("vault is sealed");
                })
                .build();

        RunResult result = runner.run(request(probe("hostname")));

        assertThat(result).isEqualTo(RunResult.runnerFailure(
                "credentials for m01 could not be obtained: java.lang.IllegalStateException: vault is sealed"));
    }

    @Test
    void run_credentialsProviderThatReturnsNull_isARunnerFailure() throws Exception {
        PsExecRunner runner = PsExecRunner.builder().credentials(target -> null).build();

        RunResult result = runner.run(request(probe("hostname")));

        assertThat(result).isEqualTo(RunResult.runnerFailure("credentials for m01 could not be obtained:"
                + " java.lang.NullPointerException: the credentials provider returned null"));
    }

    @Test
    void toString_withCredentials_masksThePasswordAndNeverAsksTheProvider() {
        PsExecRunner runner = PsExecRunner.builder()
                .credentials(target -> {
                    throw new AssertionError("toString() must not ask for credentials");
                })
                .connectTimeout(Duration.ofSeconds(3))
                .serviceName("DDC-x")
                .elevated(true)
                .build();

        assertThat(runner).hasToString("PsExecRunner[PsExec.exe \\\\<target> -accepteula -nobanner -u <user> -p ****"
                + " -n 3 -r DDC-x -low -h <command> <args>]");
    }

    @Test
    void toString_withoutCredentials_hasNoUserOrPassword() {
        PsExecRunner runner = PsExecRunner.builder().serviceName("DDC-x").priority(Priority.NORMAL).build();

        assertThat(runner).hasToString("PsExecRunner[PsExec.exe \\\\<target> -accepteula -nobanner -r DDC-x"
                + " <command> <args>]");
    }

    @Test
    void describe_masksThePassword() {
        PsExecRunner runner = PsExecRunner.builder().serviceName("DDC-x").build();
        List<String> argv = runner.arguments(Target.of("m01"), List.of("hostname"), Credentials.of("LAB\\ddc", SECRET));

        assertThat(argv).contains(SECRET);
        assertThat(PsExecRunner.describe(argv)).isEqualTo(
                "PsExec.exe \\\\m01 -accepteula -nobanner -u LAB\\ddc -p **** -r DDC-x -low hostname");
    }

    @Test
    void describe_passwordThatLooksLikeASwitch_isMaskedToo() {
        List<String> argv = PsExecRunner.builder().serviceName("DDC-x").build()
                .arguments(Target.of("m01"), List.of("hostname"), Credentials.of("admin", "-p"));

        assertThat(PsExecRunner.describe(argv)).isEqualTo(
                "PsExec.exe \\\\m01 -accepteula -nobanner -u admin -p **** -r DDC-x -low hostname");
    }

    @Test
    void describe_trailingDashP_isKept() {
        assertThat(PsExecRunner.describe(List.of("x", "-p"))).isEqualTo("x -p");
    }
}

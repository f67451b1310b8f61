package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --runner}, {@code --psexec}, {@code --user}, {@code --password-env} and {@code --check}
 * through {@code ddc demo}: every bad combination is refused with exit code 2 and a message naming the
 * option, before anything is started or written, and never with the password in it.
 */
final class RunnerOptionsTest {
    private static final String VARIABLE = "DDC_TEST_PASSWORD";
    private static final String PASSWORD = "Pa55-word-that-must-not-leak";
    /** The demo's loopback targets as a trace line lists them, as a regular expression. */
    private static final String LOOPBACK_LIST = "127\\.0\\.0\\.1,127\\.0\\.0\\.2,127\\.0\\.0\\.3,";

    @TempDir
    Path temp;

    /** Runs {@code ddc demo --out <temp>/root ARGS...} with {@code environment}. */
    private Cli.Run demo(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("demo", "--out", temp.resolve("root").toString()));
        command.addAll(List.of(args));
        return Cli.run(environment, command.toArray(String[]::new));
    }

    private Cli.Run demo(String... args) {
        return demo(Map.of(VARIABLE, PASSWORD), args);
    }

    /** Exit code 2, nothing on stdout, exactly {@code message} and the pointer to help, nothing written. */
    private void assertRefused(Cli.Run run, String message) throws InterruptedException {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc demo --help' for more information.");
        assertThat(temp.resolve("root")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void runner_ssh_withAMissingKeyFile_isRefused_namingIt() throws InterruptedException {
        Path missing = temp.resolve("id_missing");
        Cli.Run run = demo("--runner", "ssh", "--target", "m01", "--identity", missing.toString());

        assertRefused(run, "--identity: private key file " + missing + " does not exist or is not a file");
    }

    @Test
    void runner_ssh_withAPasswordVariableThatIsNotSet_isRefused_namingTheVariable() throws InterruptedException {
        Cli.Run run = demo("--runner", "ssh", "--target", "m01", "--password-env", "DDC_UNSET");

        assertRefused(run, "--password-env DDC_UNSET: environment variable DDC_UNSET (the SSH password) is not set");
    }

    @Test
    void passphraseEnv_withoutIdentity_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "ssh", "--target", "m01", "--passphrase-env", VARIABLE,
                "--password-env", VARIABLE);

        assertRefused(run, "--passphrase-env needs --identity FILE: it is the passphrase of those files");
    }

    @Test
    void port_outOfRange_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "ssh", "--target", "m01", "--port", "70000", "--password-env", VARIABLE);

        assertRefused(run, "--port must be 1 to 65535, got 70000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--known-hosts=kh", "--accept-new-host-keys", "--port=22", "--identity=id",
        "--passphrase-env=V"})
    void sshOptions_withAnotherRunner_areRefused(String option) throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", option);

        assertRefused(run, option.replaceAll("=.*", "") + " is only for --runner ssh, and the runner is psexec");
    }

    @Test
    void runner_unknown_isRefused_withItsValue() throws InterruptedException {
        Cli.Run run = demo("--runner", "winrm", "--target", "m01");

        assertRefused(run, "--runner must be local, psexec or ssh, got 'winrm'");
    }

    @Test
    void runner_isCaseSensitive() throws InterruptedException {
        Cli.Run run = demo("--runner", "PsExec", "--target", "m01");

        assertRefused(run, "--runner must be local, psexec or ssh, got 'PsExec'");
    }

    @Test
    void psexecPath_withTheLocalRunner_isRefused() throws InterruptedException {
        Cli.Run run = demo("--psexec", "PsExec.exe");

        assertRefused(run, "--psexec is only for --runner psexec, and the runner is local");
    }

    @Test
    void user_withTheLocalRunner_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "local", "--user", "LAB\\ddc", "--password-env", VARIABLE);

        assertRefused(run, "--user is only for --runner psexec or --runner ssh, and the runner is local");
        assertThat(run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordEnv_withTheLocalRunner_isRefused() throws InterruptedException {
        Cli.Run run = demo("--password-env", VARIABLE);

        assertRefused(run, "--password-env is only for --runner psexec or --runner ssh, and the runner is local");
        assertThat(run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void user_withoutPasswordEnv_isRefused_becausePsExecWouldPrompt() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--user", "LAB\\ddc");

        assertRefused(run, "--user needs --password-env VAR: PsExec would ask for the password, and its input is"
                + " closed");
    }

    @Test
    void passwordEnv_withoutUser_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--password-env", VARIABLE);

        assertRefused(run, "--password-env needs --user USER");
        assertThat(run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordEnv_unsetVariable_namesTheVariable() throws InterruptedException {
        Cli.Run run = demo(Map.of("OTHER", PASSWORD), "--runner", "psexec", "--target", "m01",
                "--user", "LAB\\ddc", "--password-env", VARIABLE);

        assertRefused(run, "--user LAB\\ddc --password-env DDC_TEST_PASSWORD: environment variable DDC_TEST_PASSWORD"
                + " (the password of user 'LAB\\ddc') is not set");
    }

    @Test
    void passwordEnv_emptyVariable_namesTheVariable() throws InterruptedException {
        Cli.Run run = demo(Map.of(VARIABLE, ""), "--runner", "psexec", "--target", "m01",
                "--user", "LAB\\ddc", "--password-env", VARIABLE);

        assertRefused(run, "--user LAB\\ddc --password-env DDC_TEST_PASSWORD: environment variable DDC_TEST_PASSWORD"
                + " (the password of user 'LAB\\ddc') is empty");
    }

    @Test
    void passwordEnv_aPasswordWithALineFeed_namesTheVariable_butNeverTheValue() throws InterruptedException {
        String password = "first-line\nsecond-line-secret";

        Cli.Run run = demo(Map.of(VARIABLE, password), "--runner", "psexec", "--target", "m01",
                "--user", "LAB\\ddc", "--password-env", VARIABLE);

        assertRefused(run, "--user LAB\\ddc --password-env DDC_TEST_PASSWORD: the password of user 'LAB\\ddc' contains NUL, a carriage"
                + " return or a line feed, which cannot be passed on a command line");
        assertThat(run.err()).doesNotContain("first-line").doesNotContain("second-line-secret");
    }

    @Test
    void passwordEnv_anEmptyName_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--user", "LAB\\ddc", "--password-env=");

        assertRefused(run, "--password-env needs the name of an environment variable, got an empty name");
    }

    @Test
    void user_thatPsExecWouldTakeForAnOption_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--user=-s", "--password-env", VARIABLE);

        assertRefused(run, "--user -s --password-env DDC_TEST_PASSWORD: user name '-s' starts with '-' and could be taken for"
                + " an option");
        assertThat(run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void psexecPath_withAFolderThatDoesNotExist_isRefused() throws InterruptedException {
        Path missing = temp.resolve("no-such-folder").resolve("PsExec.exe");

        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--psexec", missing.toString());

        assertRefused(run, "--psexec " + missing + " does not exist");
    }

    @Test
    void psexecPath_thatIsAFolder_isRefused() throws IOException, InterruptedException {
        Path folder = Files.createDirectory(temp.resolve("PsExec.exe"));

        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--psexec", folder.toString());

        assertRefused(run, "--psexec " + folder + " is not a regular file");
    }

    @Test
    void psexecPath_empty_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--psexec=");

        assertRefused(run, "--psexec is empty: give PsExec.exe or the path of a compatible launcher");
    }

    @Test
    void psexec_withoutTargets_isRefused() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--user", "LAB\\ddc", "--password-env", VARIABLE);

        assertRefused(run, "--runner psexec needs at least one target: give --target NAME or --targets FILE");
        assertThat(run.err()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "tcp:", "tcp:0", "tcp:65536", "tcp:99999999999", "tcp:-1", "tcp:+445",
        "tcp:445x", "TCP:445", "always "})
    void check_notOneOfTheForms_isRefused_withItsValue(String value) throws InterruptedException {
        Cli.Run run = demo("--check", value);

        assertRefused(run, "--check must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got '" + value + "'");
    }

    @Test
    void check_isCheckedWithThePsExecRunnerToo() throws InterruptedException {
        Cli.Run run = demo("--runner", "psexec", "--target", "m01", "--check", "tcp:0");

        assertRefused(run, "--check must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got 'tcp:0'");
    }

    @Test
    void check_always_replacesTheDemosLoopbackCheck_soNoTargetIsUnavailable() throws IOException, InterruptedException {
        Cli.Run run = demo("--check", "always", "--iterations", "1");

        assertThat(run.err()).isEmpty();
        // 'broken' still fails, on purpose: the demo ran as designed
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("  availability: always available; probe 'broken' fails on purpose")
                .noneMatch(line -> line.startsWith("  unavailable, "));
        assertThat(Files.readAllLines(temp.resolve("root").resolve("demo").resolve("os.trace"), UTF_8))
                .singleElement().asString()
                .matches("\\d+\\|3\\|0\\|0\\|100\\.0\\|\\d+\\.\\d\\|" + LOOPBACK_LIST + "\\| \\| \\|");
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void check_tcp_isUsedAsGiven() throws IOException {
        // port 1 (tcpmux) is closed on loopback, so every target is refused
        Cli.Run run = demo("--check", "tcp:1", "--iterations", "1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("  availability: tcp:1 within 500 ms; probe 'broken' fails on purpose",
                "  unavailable, 12 results on 127.0.0.1, 127.0.0.2, 127.0.0.3: TCP port 1 refused the connection");
        assertThat(Files.readAllLines(temp.resolve("root").resolve("demo").resolve("os.trace"), UTF_8))
                .singleElement().asString()
                .matches("\\d+\\|0\\|0\\|3\\|0\\.0\\|\\d+\\.\\d\\| \\| \\|" + LOOPBACK_LIST + "\\|");
    }
}

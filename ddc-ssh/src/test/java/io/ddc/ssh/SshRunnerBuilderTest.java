package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ddc.Probe;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.TargetFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SshRunnerBuilderTest {
    @TempDir
    Path folder;

    @Test
    void setters_refuseValuesOutOfRange_sayingWhich() {
        SshRunner.Builder builder = SshRunner.builder();

        assertThatThrownBy(() -> builder.port(0)).hasMessage("SSH port must be 1 to 65535, got 0");
        assertThatThrownBy(() -> builder.user("-oProxyCommand=x")).hasMessageStartingWith("user name '-oProxyCommand=x'"
                + " is not acceptable");
        assertThatThrownBy(() -> builder.user("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
                .hasMessage("connect timeout must be positive, got PT0S");
        assertThatThrownBy(() -> builder.authTimeout(Duration.ofSeconds(-1)))
                .hasMessage("authentication timeout must be positive, got PT-1S");
        assertThatThrownBy(() -> builder.maxChannelsPerSession(0)).hasMessage("channels per session must be 1 to 64, got 0");
        assertThatThrownBy(() -> builder.niceness(20)).hasMessage("niceness must be 0 (none) to 19, got 20");
        assertThatThrownBy(() -> builder.identity(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void build_refusesAnIdleTimeoutNotLongerThanTheHeartbeat() {
        assertThatThrownBy(() -> SshRunner.builder().heartbeat(Duration.ofMinutes(5)).idleTimeout(Duration.ofMinutes(5))
                .password((target, user) -> new char[0]).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("idle timeout (PT5M) must be longer than the heartbeat interval (PT5M), or heartbeats would"
                        + " keep no session");
    }

    @Test
    void build_refusesAMissingKeyFile_namingIt() {
        Path missing = folder.resolve("id_missing");

        assertThatThrownBy(() -> SshRunner.builder().identity(missing).build())
                .hasMessage("private key file " + missing + " does not exist or is not a file");
    }

    @Test
    void build_refusesAFileThatIsNoKey_namingIt() throws IOException {
        Path file = Files.writeString(folder.resolve("id_text"), "not a key\n");

        assertThatThrownBy(() -> SshRunner.builder().identity(file).build())
                .hasMessageStartingWith("private key file " + file);
    }

    @Test
    void encryptedEd25519Key_loadsWithItsPassphrase_andIsRefusedWithoutIt_neverShowingIt() throws Exception {
        Path key = keygen("ed25519", "correct horse");

        assertThat(SshRunner.builder().identity(key)
                .passphrase(PassphraseProvider.fromEnvironment("KEY_PASS", Map.of("KEY_PASS", "correct horse")))
                .build()).hasToString("SshRunner[" + System.getProperty("user.name") + "@<target>:22, keys 1,"
                        + " known_hosts " + Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
                        + " strict, POSIX, nice 10]");
        assertThatThrownBy(() -> SshRunner.builder().identity(key).build())
                .hasMessageStartingWith("private key file " + key + " cannot be used");
        assertThatThrownBy(() -> SshRunner.builder().identity(key).passphrase(file -> "wrong".toCharArray()).build())
                .hasMessageStartingWith("private key file " + key + " cannot be used")
                .message().doesNotContain("wrong").doesNotContain("correct horse");
    }

    @Test
    void rsaAndEd25519Keys_loadWithoutPassphrase() throws Exception {
        Path rsa = keygen("rsa", "");
        Path ed25519 = keygen("ed25519", "");

        assertThat(SshRunner.builder().identity(rsa).identity(ed25519).build().toString()).contains("keys 2");
    }

    @Test
    void secretsFromTheEnvironment_mustBeSetAndNotEmpty_namingTheVariableOnly() {
        assertThatThrownBy(() -> PasswordProvider.fromEnvironment("DDC_PW", Map.of()))
                .hasMessage("environment variable DDC_PW (the SSH password) is not set");
        assertThatThrownBy(() -> PasswordProvider.fromEnvironment("DDC_PW", Map.of("DDC_PW", "")))
                .hasMessage("environment variable DDC_PW (the SSH password) is empty");
        assertThatThrownBy(() -> PassphraseProvider.fromEnvironment("", Map.of()))
                .hasMessage("the name of the environment variable that holds the passphrase of the private keys is empty");
        assertThat(PasswordProvider.fromEnvironment("DDC_PW", Map.of("DDC_PW", "s3cret"))
                .password(io.ddc.Target.of("pc01"), "ddc")).containsExactly('s', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void validate_refusesALoneSurrogate_andATooLongCommand() {
        SshRunner runner = SshRunner.builder().password((target, user) -> new char[0]).build();

        assertThatThrownBy(() -> runner.validate(Probe.builder("p").command("echo", "\ud800").build()))
                .hasMessage("probe 'p': argument 1 holds a lone surrogate, which has no UTF-8 form");
        assertThatThrownBy(() -> runner.validate(Probe.builder("p").command("echo", "x".repeat(200_000)).build()))
                .hasMessageStartingWith("probe 'p': the command is too long for an SSH exec request");
    }

    @Test
    void targetFamily_followsTheShell_posixByDefault_windowsForPowerShell() {
        SshRunner posix = SshRunner.builder().password((target, user) -> new char[0]).build();
        SshRunner powerShell = SshRunner.builder().password((target, user) -> new char[0])
                .shell(RemoteShell.POWERSHELL).build();

        assertThat(posix.targetFamily()).isEqualTo(TargetFamily.POSIX);
        assertThat(powerShell.targetFamily()).isEqualTo(TargetFamily.WINDOWS);
    }

    @Test
    void load_findsTheRunnerByName_withoutStartingAnything() {
        RemoteRunner runner = RemoteRunner.load("ssh");

        assertThat(runner).isInstanceOf(SshRunner.class);
        assertThat(runner.defaultAvailabilityCheck()).hasToString("tcp:22 within 500 ms");
    }

    @Test
    void testsRunInTheNamedModule_whoseProvidesClauseAndServicesFileNameTheRunner() throws IOException {
        Module module = SshRunner.class.getModule();

        assertThat(module.getName()).isEqualTo("io.ddc.ssh");
        assertThat(module.getDescriptor().provides()).anySatisfy(provides ->
                assertThat(provides.providers()).containsExactly("io.ddc.ssh.SshRunner"));
        try (InputStream in = module.getResourceAsStream("META-INF/services/io.ddc.spi.RemoteRunner")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("io.ddc.ssh.SshRunner\n");
        }
    }

    /** A key made by OpenSSH's own ssh-keygen; skipped where it is not installed. */
    private Path keygen(String type, String passphrase) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen not installed");
        Path key = folder.resolve("id_" + type + (passphrase.isEmpty() ? "" : "_encrypted"));
        Process process = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-f",
                key.toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return key;
    }
}

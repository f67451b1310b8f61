package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.spi.RunResult;
import io.ddc.testing.OpenSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real OpenSSH server of the test's own, on loopback addresses. */
final class OpenSshInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path folder;

    private static OpenSshd sshd;

    @BeforeAll
    static void startServers() throws Exception {
        sshd = OpenSshd.start(Files.createDirectory(folder.resolve("sshd")), 2);
    }

    @AfterAll
    static void stopServers() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshRunner.Builder runner(String keyType) throws Exception {
        return SshRunner.builder()
                .user(sshd.user())
                .port(sshd.port())
                .identity(sshd.userKeyFile(keyType))
                .knownHosts(sshd.writeKnownHosts(Files.createTempFile(folder, "known_hosts", ""), "ed25519"));
    }

    @Test
    void ed25519Key_runsACommand_withItsOutputAndExitStatus() throws Exception {
        try (SshRunner ssh = runner("ed25519").build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "sh", "-c", "echo out; echo err >&2; exit 3");

            assertThat(done.result).isEqualTo(RunResult.exited(3));
            assertThat(done.out()).isEqualTo("out\n");
            assertThat(done.err()).isEqualTo("err\n");
        }
    }

    @Test
    void rsaKey_runsACommand() throws Exception {
        try (SshRunner ssh = runner("rsa").build()) {
            Requests done = Requests.run(ssh, "127.0.0.3", TIMEOUT, "echo", "hello");

            assertThat(done.result).isEqualTo(RunResult.exited(0));
            assertThat(done.out()).isEqualTo("hello\n");
        }
    }
}

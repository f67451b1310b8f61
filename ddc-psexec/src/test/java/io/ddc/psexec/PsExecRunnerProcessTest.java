package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real process: a launcher double that prints each argument it receives on its own line,
 * ends its standard error with PsExec's closing line (unless told not to) and exits with the code
 * given as the remote command's last argument.
 */
@DisabledOnOs(OS.WINDOWS)
final class PsExecRunnerProcessTest {
    private static final String LAUNCHER_DOUBLE = """
            #!/bin/sh
            host=${1#??}
            for argument in "$@"; do
                printf '%s\\n' "$argument"
                last=$argument
            done
            if [ -z "$NO_CLOSING_LINE" ]; then
                printf '\\r\\r\\r\\nprogram exited on %s with error code %s.\\r\\n' "$host" "$last" >&2
            fi
            exit "$last"
            """;

    @TempDir
    Path dir;

    private Path launcherDouble() throws IOException {
        return launcherDouble(LAUNCHER_DOUBLE);
    }

    private Path launcherDouble(String text) throws IOException {
        Path script = dir.resolve("fake-psexec");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void run_passesTheVectorUnchanged_andReturnsTheLaunchersExitCode() throws Exception {
        PsExecRunner runner = PsExecRunner.builder()
                .launcher(launcherDouble())
                .credentials(target -> Credentials.of("LAB\\ddc", "pa ss\"word"))
                .connectTimeout(Duration.ofSeconds(4))
                .serviceName("DDC-test")
                .workingDirectory("C:\\Temp dir")
                .build();
        Probe probe = Probe.builder("exit7")
                .command("probe.exe", "a b", "say \"hi\"", "C:\\Program Files\\", "50% & ^x", "", "7")
                .timeout(Duration.ofSeconds(20))
                .build();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        RunResult result = runner.run(new ExecutionRequest("exp", 1L, Target.of("m01"), probe, stdout, stderr));

        assertThat(result).isEqualTo(RunResult.exited(7));
        assertThat(stdout.toString(StandardCharsets.UTF_8).split("\n", -1)).containsExactly(
                "\\\\m01", "-accepteula", "-nobanner", "-u", "LAB\\ddc", "-p", "pa ss\"word", "-n", "4",
                "-r", "DDC-test", "-low", "-w", "C:\\Temp dir",
                "probe.exe", "\"a b\"", "\"say \\\"hi\\\"\"", "\"C:\\Program Files\\\\\"", "\"50% & ^x\"", "\"\"", "7",
                "");
        assertThat(stderr.size()).isZero();
    }

    @Test
    void run_exitCodeZero_isExitedZero() throws Exception {
        PsExecRunner runner = PsExecRunner.builder().launcher(launcherDouble()).serviceName("DDC-test").build();
        Probe probe = Probe.builder("ok").command("hostname", "0").timeout(Duration.ofSeconds(20)).build();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        RunResult result = runner.run(new ExecutionRequest("exp", 2L, Target.of("10.1.2.3"), probe, stdout,
                new ByteArrayOutputStream()));

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(List.of(
                "\\\\10.1.2.3", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "hostname", "0"));
    }

    @Test
    void run_launcherWithoutClosingLine_isTrustedOnlyWhenConfigured() throws Exception {
        Path launcher = launcherDouble(LAUNCHER_DOUBLE.replace("#!/bin/sh\n", "#!/bin/sh\nNO_CLOSING_LINE=1\n"));
        Probe probe = Probe.builder("exit3").command("probe.exe", "3").timeout(Duration.ofSeconds(20)).build();
        ExecutionRequest request = new ExecutionRequest("exp", 3L, Target.of("m01"), probe,
                new ByteArrayOutputStream(), new ByteArrayOutputStream());

        RunResult strict = PsExecRunner.builder().launcher(launcher).serviceName("DDC-test").build().run(request);
        RunResult trusting = PsExecRunner.builder().launcher(launcher).serviceName("DDC-test")
                .exitCodeWithoutClosingLine(true).build().run(request);

        assertThat(strict.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(strict.message()).startsWith("PsExec ended with exit status 3 without its closing line");
        assertThat(trusting).isEqualTo(RunResult.exited(3));
    }
}

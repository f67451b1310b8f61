package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against {@link PsExecDouble}, a strict stand-in for PsExec started as a real process
 * that runs the remote command locally. The target's name chooses what the double simulates.
 */
@DisabledOnOs(OS.WINDOWS)
final class PsExecRunnerDoubleTest {
    private static final String PASSWORD = "Pw-7c1e!s3cret";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path pidFile;
    private PsExecRunner runner;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void writeTheDouble() {
        pidFile = dir.resolve("pids");
        Path launcher = PsExecDoubles.launcher(dir, Map.of("double.password", PASSWORD,
                "double.offDelayMillis", "300", "double.pidFile", pidFile.toString()));
        runner = runnerAs(launcher, PASSWORD);
    }

    private static PsExecRunner runnerAs(Path launcher, String password) {
        return PsExecRunner.builder()
                .launcher(launcher)
                .serviceName("DDC-test")
                .credentials(target -> Credentials.of("LAB\\ddc", password))
                .build();
    }

    private RunResult run(String target, Duration timeout, String... command) throws InterruptedException {
        Probe probe = Probe.builder("p").command(List.of(command)).timeout(timeout).build();
        return runner.run(new ExecutionRequest("exp", 1L, Target.of(target), probe, stdout, stderr));
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void success_storesOnlyTheProgramsOutput_andItsExitCode() throws Exception {
        RunResult result = run("m01", TIMEOUT, "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(result).isEqualTo(RunResult.exited(3));
        assertThat(stdout()).isEqualTo("out\n");
        assertThat(stderr()).isEqualTo("err\n");
    }

    @Test
    void specialCharacters_reachTheProgramUnchanged() throws Exception {
        List<String> arguments = List.of("a b", "say \"hi\"", "50% & ^x", "^", "\"", "", "C:\\Program Files\\",
                "tab\there", "%PATH%", "a|b<c>d");
        String[] command = new String[arguments.size() + 2];
        command[0] = "printf";
        command[1] = "[%s]\\n";
        for (int i = 0; i < arguments.size(); i++) {
            command[i + 2] = arguments.get(i);
        }

        RunResult result = run("m01", TIMEOUT, command);

        assertThat(result).isEqualTo(RunResult.exited(0));
        StringBuilder expected = new StringBuilder();
        arguments.forEach(argument -> expected.append('[').append(argument).append("]\n"));
        assertThat(stdout()).isEqualTo(expected.toString());
        assertThat(stderr()).isEmpty();
    }

    @Test
    void programThatExitsFive_isNotAccessDenied() throws Exception {
        RunResult result = run("m01", TIMEOUT, "sh", "-c", "exit 5");

        assertThat(result).isEqualTo(RunResult.exited(5));
    }

    @Test
    void hostOff_isHostNotFound() throws Exception {
        RunResult result = run("off-m01", TIMEOUT, "hostname");

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).startsWith("host not found or network path not found: off-m01 (PsExec: \""
                + "Couldn't access off-m01: The network path was not found.");
        assertThat(stdout.size() + stderr.size()).isZero();
    }

    @Test
    void accessDenied_isNamed() throws Exception {
        RunResult result = run("denied-m01", TIMEOUT, "hostname");

        assertThat(result).isEqualTo(RunResult.runnerFailure("access denied on denied-m01 (PsExec: \"Couldn't access"
                + " denied-m01: Access is denied.\", exit status 5)"));
        assertThat(stdout.size() + stderr.size()).isZero();
    }

    @Test
    void wrongPassword_isALogonFailure() throws Exception {
        runner = runnerAs(PsExecDoubles.launcher(dir, Map.of("double.password", PASSWORD)), "wrong");

        RunResult result = run("m01", TIMEOUT, "hostname");

        // 1326 leaves the double as 1326 & 0xFF = 46 on Linux: the message decides, not the status
        assertThat(result).isEqualTo(RunResult.runnerFailure("logon failure on m01 (bad user name or password, or the"
                + " account may not log on there) (PsExec: \"Couldn't access m01: The user name or password is"
                + " incorrect.\", exit status 46)"));
    }

    @Test
    void serviceThatDoesNotStart_isNamed() throws Exception {
        RunResult result = run("nosvc-m01", TIMEOUT, "hostname");

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).startsWith("the PsExec service could not be installed or started on nosvc-m01"
                + " (PsExec: \"Could not start DDC-test service on nosvc-m01:");
    }

    @Test
    void missingProgram_couldNotStart() throws Exception {
        RunResult result = run("m01", TIMEOUT, "ddc-no-such-program");

        assertThat(result).isEqualTo(RunResult.couldNotStart("PsExec could not start the program on m01 (PsExec:"
                + " \"PsExec could not start ddc-no-such-program on m01: The system cannot find the file specified.\","
                + " exit status 2)"));
    }

    @Test
    void hangWithAGrandchildHoldingTheOutput_timesOutPromptly_andLeavesNoProcess() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        long start = System.nanoTime();

        RunResult result = run("hang-m01", timeout, "hostname");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).isEqualTo(RunResult.timedOut(timeout));
        assertThat(took).as("bound promised by the runner").isLessThan(timeout.plusSeconds(2));
        List<Long> pids = Files.readAllLines(pidFile).stream().map(Long::parseLong).toList();
        assertThat(pids).as("the double and its grandchild").hasSize(2);
        for (long pid : pids) {
            assertThat(goneWithin(pid, Duration.ofSeconds(2))).as("process %d is gone", pid).isTrue();
        }
    }

    /** A killed grandchild is reaped by init, not by this JVM: give that a moment. */
    private static boolean goneWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}

package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link PsExecDouble} as a real process through {@link PsExecDoubles#launcher} and checks the
 * exact bytes it writes and its exit status. Exit statuses are as a Linux parent sees them: the low
 * 8 bits.
 */
@DisabledOnOs(OS.WINDOWS)
final class PsExecDoubleTest {
    private static final String BANNER = "\r\nPsExec v2.43 - Execute processes remotely\r\n"
            + "Copyright (C) 2001-2023 Mark Russinovich\r\n"
            + "Sysinternals - www.sysinternals.com\r\n\r\n";
    private static final String USAGE = "Usage: psexec \\\\computer [-u user [-p psswd]] [-n s] [-r servicename]"
            + " [-h] [-l] [-s|-e] [-x] [-i [session]] [-c [-f|-v]] [-w directory] [-d] [-<priority>] [-g n]"
            + " [-a n,n,...] [-accepteula] [-nobanner] cmd [arguments]\r\n";
    private static final String PASSWORD = "S3cret-pw";
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    private final List<Started> started = new ArrayList<>();
    private final Set<Long> pids = new HashSet<>();

    /** A started double and the files its stdout and stderr go to. */
    private record Started(Process process, Path out, Path err) {
        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    /** A finished run. */
    private record Run(int status, String stdout, String stderr) {
    }

    private Started start(Map<String, String> properties, ProcessBuilder.Redirect stdin, String... arguments)
            throws IOException {
        int n = started.size();
        Path launcher = PsExecDoubles.launcher(dir, properties);
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("stdout-" + n);
        Path err = dir.resolve("stderr-" + n);
        Process process = new ProcessBuilder(command)
                .redirectInput(stdin)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        Started psexec = new Started(process, out, err);
        started.add(psexec);
        pids.add(process.pid());
        return psexec;
    }

    private Run run(Map<String, String> properties, String... arguments) throws Exception {
        Started psexec = start(properties, ProcessBuilder.Redirect.from(new File("/dev/null")), arguments);
        return finish(psexec);
    }

    private Run run(String... arguments) throws Exception {
        return run(Map.of(), arguments);
    }

    private static Run finish(Started psexec) throws Exception {
        assertThat(psexec.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("the double ended").isTrue();
        return new Run(psexec.process().exitValue(), psexec.stdout(), psexec.stderr());
    }

    /** Kills every process a test started, descendants first, waits for each, and checks none is left. */
    @AfterEach
    void reapEverything() throws Exception {
        for (Started psexec : started) {
            List<ProcessHandle> descendants = psexec.process().descendants().toList();
            for (ProcessHandle descendant : descendants) {
                pids.add(descendant.pid());
                descendant.destroyForcibly();
                descendant.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            psexec.process().destroyForcibly();
            assertThat(psexec.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        for (long pid : pids) {
            assertThat(isAlive(pid)).as("process %d is left over", pid).isFalse();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String progress(String host, String service, String cmd) {
        return "Connecting to " + host + "...\r\r\r"
                + "Starting " + service + " service on " + host + "...\r\r\r"
                + "Copying authentication key to " + host + "...\r\r\r"
                + "Connecting with PsExec service on " + host + "...\r\r\r"
                + "Starting " + cmd + " on " + host + "...\r\r\r";
    }

    @Test
    void success_noBanner_exactBytes_programOutputInPlace_andTheProgramsExitStatus() throws Exception {
        Run run = run("\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-t",
                "sh", "-c", "\"printf 'o1\\n'; printf 'e1\\n' >&2; printf o2; printf e2 >&2; exit 3\"");

        assertThat(run.stdout()).isEqualTo("o1\no2");
        assertThat(run.stderr()).isEqualTo("Connecting to m01...\r\r\r"
                + "Starting DDC-t service on m01...\r\r\r"
                + "Copying authentication key to m01...\r\r\r"
                + "Connecting with PsExec service on m01...\r\r\r"
                + "Starting sh on m01...\r\r\r"
                + "e1\ne2"
                + "\r\r\r\nsh exited on m01 with error code 3.\r\n");
        assertThat(run.status()).isEqualTo(3);
    }

    @Test
    void success_withBanner_bannerOnStdoutFirst_defaultService() throws Exception {
        Run run = run("\\\\m01", "-accepteula", "echo", "hi");

        assertThat(run.stdout()).isEqualTo(BANNER + "hi\n");
        assertThat(run.stderr()).isEqualTo(progress("m01", "PSEXESVC", "echo")
                + "\r\r\r\necho exited on m01 with error code 0.\r\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void windowsQuotedArguments_reachTheProgramUnchanged() throws Exception {
        Run run = run("\\\\m01", "-accepteula", "-nobanner", "-s", "-h", "-l", "-x", "-i", "1", "-n", "5",
                "-g", "2", "-a", "1,3", "-w", "C:\\Temp", "-low",
                "printf", "[%s]\\n", "\"say \\\"hi\\\" & 50% ^x\"", "\"C:\\Program Files\\\\\"", "\"\"", "a\\b");

        assertThat(run.stdout()).isEqualTo("[say \"hi\" & 50% ^x]\n[C:\\Program Files\\]\n[]\n[a\\b]\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void detached_printsTheBasenameAndPid_andExitsWithThePid() throws Exception {
        Run run = run("\\\\m01", "-accepteula", "-nobanner", "-c", "-f", "-d", "/bin/true");

        assertThat(run.stdout()).isEmpty();
        String prefix = "Connecting to m01...\r\r\r"
                + "Starting PSEXESVC service on m01...\r\r\r"
                + "Copying authentication key to m01...\r\r\r"
                + "Connecting with PsExec service on m01...\r\r\r"
                + "Copying /bin/true to m01...\r\r\r"
                + "Starting /bin/true on m01...\r\r\r";
        assertThat(run.stderr()).startsWith(prefix);
        Matcher trailer = Pattern.compile("\r\r\r\ntrue started on m01 with process ID (\\d+)\\.\r\n")
                .matcher(run.stderr().substring(prefix.length()));
        assertThat(trailer.matches()).as("trailer in %s", run.stderr()).isTrue();
        long pid = Long.parseLong(trailer.group(1));
        assertThat(run.status()).isEqualTo((int) (pid & 0xFF));
        Optional<ProcessHandle> detached = ProcessHandle.of(pid);
        if (detached.isPresent()) {
            detached.get().onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown switch -to",
                        List.of("\\\\m01", "-accepteula", "-u", "LAB\\ddc", "-p", PASSWORD, "-to", "5", "hostname")),
                Arguments.of("-p needs -u", List.of("\\\\m01", "-accepteula", "-p", PASSWORD, "hostname")),
                Arguments.of("-f needs -c", List.of("\\\\m01", "-u", "ddc", "-p", PASSWORD, "-f", "hostname")),
                Arguments.of("-v needs -c", List.of("\\\\m01", "-v", "hostname")),
                Arguments.of("-f and -v cannot be used together",
                        List.of("\\\\m01", "-u", "ddc", "-p", PASSWORD, "-c", "-f", "-v", "hostname")),
                Arguments.of("-s and -e cannot be used together",
                        List.of("\\\\m01", "-u", "ddc", "-p", PASSWORD, "-s", "-e", "hostname")),
                Arguments.of("two priorities: -low and -high",
                        List.of("\\\\m01", "-u", "ddc", "-p", PASSWORD, "-low", "-high", "hostname")),
                Arguments.of("-d given twice", List.of("\\\\m01", "-d", "-accepteula", "-d", "hostname")),
                Arguments.of("missing cmd", List.of("\\\\m01", "-accepteula", "-u", "ddc", "-p", PASSWORD)),
                Arguments.of("-p needs a password", List.of("\\\\m01", "-u", "ddc", "-p")),
                Arguments.of("-u needs a user name", List.of("\\\\m01", "-u", "-p", PASSWORD, "hostname")),
                Arguments.of("-n needs a positive whole number, got '0'", List.of("\\\\m01", "-n", "0", "hostname")),
                Arguments.of("-a needs CPU numbers like 1,3, got '1,,3'", List.of("\\\\m01", "-a", "1,,3", "hostname")),
                Arguments.of("the first argument must be \\\\computer",
                        List.of("-accepteula", "-u", "ddc", "-p", PASSWORD, "hostname")),
                Arguments.of("the first argument must be \\\\computer", List.of()),
                Arguments.of("more than one computer is not supported by the double",
                        List.of("\\\\m01,m02", "-accepteula", "hostname")),
                Arguments.of("@file is not supported by the double", List.of("@hosts.txt", "-accepteula", "hostname")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageError_namesTheProblemOnStdout_exits1_andNeverPrintsThePassword(String problem, List<String> arguments)
            throws Exception {
        Run run = run(arguments.toArray(String[]::new));

        assertThat(run.stdout()).isEqualTo("PsExec double: " + problem + "\r\n" + USAGE);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void off_waitsThenReportsTheNetworkPath_53() throws Exception {
        Run run = run(Map.of("double.offDelayMillis", "50"),
                "\\\\OFF-1", "-accepteula", "-nobanner", "-u", "LAB\\ddc", "-p", PASSWORD, "hostname");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("Connecting to OFF-1...\r\r\r"
                + "\rCouldn't access OFF-1:\r\nThe network path was not found.\r\n\r\n"
                + "Make sure that the default admin$ share is enabled on OFF-1.\r\n");
        assertThat(run.status()).isEqualTo(53);
    }

    @Test
    void denied_reportsAccessDenied_5() throws Exception {
        Run run = run("\\\\denied7", "-accepteula", "-nobanner", "hostname");

        assertThat(run.stderr()).isEqualTo("Connecting to denied7...\r\r\r"
                + "\rCouldn't access denied7:\r\nAccess is denied.\r\n");
        assertThat(run.status()).isEqualTo(5);
    }

    @Test
    void badlogonHost_withUser_isALogonFailure_1326() throws Exception {
        Run run = run("\\\\BadLogon1", "-accepteula", "-nobanner", "-u", "LAB\\ddc", "-p", PASSWORD, "hostname");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("Connecting to BadLogon1...\r\r\r"
                + "\rCouldn't access BadLogon1:\r\nThe user name or password is incorrect.\r\n");
        assertThat(run.status()).isEqualTo(1326 & 0xFF);
    }

    @Test
    void badlogonHost_withoutUser_runs() throws Exception {
        Run run = run("\\\\badlogon1", "-accepteula", "-nobanner", "true");

        assertThat(run.status()).isZero();
    }

    @Test
    void expectedPassword_wrongOneFails_rightOneRuns() throws Exception {
        Map<String, String> properties = Map.of("double.password", "right");

        Run wrong = run(properties, "\\\\m01", "-accepteula", "-nobanner", "-u", "ddc", "-p", PASSWORD, "true");
        Run right = run(properties, "\\\\m01", "-accepteula", "-nobanner", "-u", "ddc", "-p", "right", "true");

        assertThat(wrong.stderr()).isEqualTo("Connecting to m01...\r\r\r"
                + "\rCouldn't access m01:\r\nThe user name or password is incorrect.\r\n");
        assertThat(wrong.stderr() + wrong.stdout()).doesNotContain(PASSWORD);
        assertThat(wrong.status()).isEqualTo(1326 & 0xFF);
        assertThat(right.stderr()).isEqualTo(progress("m01", "PSEXESVC", "true")
                + "\r\r\r\ntrue exited on m01 with error code 0.\r\n");
        assertThat(right.status()).isZero();
    }

    @Test
    void nosvc_reportsTheServiceStart_1053() throws Exception {
        Run run = run("\\\\nosvc2", "-accepteula", "-nobanner", "-r", "DDC-t", "hostname");

        assertThat(run.stderr()).isEqualTo("Connecting to nosvc2...\r\r\r"
                + "Starting DDC-t service on nosvc2...\r\r\r"
                + "\rCould not start DDC-t service on nosvc2:\r\n"
                + "The service did not respond to the start or control request in a timely fashion.\r\n");
        assertThat(run.status()).isEqualTo(1053 & 0xFF);
    }

    @Test
    void missingProgram_reportsFileNotFound_2() throws Exception {
        Run run = run("\\\\m01", "-accepteula", "-nobanner", "ddc-no-such-program", "x");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(progress("m01", "PSEXESVC", "ddc-no-such-program")
                + "\rPsExec could not start ddc-no-such-program on m01:\r\n"
                + "The system cannot find the file specified.\r\n");
        assertThat(run.status()).isEqualTo(2);
    }

    @Test
    void withoutAcceptEula_blocksLikeTheUnansweredDialog() throws Exception {
        Started psexec = start(Map.of(), ProcessBuilder.Redirect.from(new File("/dev/null")),
                "\\\\m01", "hostname");

        assertThat(psexec.process().waitFor(1, TimeUnit.SECONDS)).isFalse();
        assertThat(psexec.stdout()).isEqualTo(BANNER);
        assertThat(psexec.stderr())
                .isEqualTo("PsExec double: waiting for the licence dialog (-accepteula not given)\r\n");
        destroyTree(psexec.process());
    }

    @Test
    void userWithoutPassword_promptsAndWaitsWhileStdinIsOpen() throws Exception {
        Started psexec = start(Map.of(), ProcessBuilder.Redirect.PIPE,
                "\\\\m01", "-accepteula", "-nobanner", "-u", "ddc", "hostname");

        assertThat(psexec.process().waitFor(1, TimeUnit.SECONDS)).isFalse();
        assertThat(psexec.stderr()).isEqualTo("Password: ");
        destroyTree(psexec.process());
    }

    @Test
    void userWithoutPassword_atEndOfInput_triesTheEmptyPassword() throws Exception {
        Started psexec = start(Map.of("double.password", "right"), ProcessBuilder.Redirect.PIPE,
                "\\\\m01", "-accepteula", "-nobanner", "-u", "ddc", "true");
        psexec.process().getOutputStream().close();

        Run run = finish(psexec);

        assertThat(run.stderr()).isEqualTo("Password: Connecting to m01...\r\r\r"
                + "\rCouldn't access m01:\r\nThe user name or password is incorrect.\r\n");
        assertThat(run.status()).isEqualTo(1326 & 0xFF);
    }

    @Test
    void userWithoutPassword_readsOneLineFromStdin() throws Exception {
        Started psexec = start(Map.of("double.password", "right"), ProcessBuilder.Redirect.PIPE,
                "\\\\m01", "-accepteula", "-nobanner", "-u", "ddc", "true");
        try (OutputStream stdin = psexec.process().getOutputStream()) {
            stdin.write("right\r\n".getBytes(StandardCharsets.UTF_8));
        }

        Run run = finish(psexec);

        assertThat(run.stderr()).isEqualTo("Password: " + progress("m01", "PSEXESVC", "true")
                + "\r\r\r\ntrue exited on m01 with error code 0.\r\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void hang_leavesTwoLiveProcesses_namedInThePidFile() throws Exception {
        Path pidFile = dir.resolve("pids");
        Started psexec = start(Map.of("double.pidFile", pidFile.toString()),
                ProcessBuilder.Redirect.from(new File("/dev/null")),
                "\\\\Hang-3", "-accepteula", "-nobanner", "hostname");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(2);
        long doublePid = Long.parseLong(lines.get(0));
        long sleepPid = Long.parseLong(lines.get(1));
        pids.add(sleepPid);
        assertThat(doublePid).isEqualTo(psexec.process().pid());
        assertThat(isAlive(doublePid)).isTrue();
        assertThat(isAlive(sleepPid)).isTrue();
        assertThat(ProcessHandle.of(sleepPid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .contains(doublePid);
        assertThat(psexec.stderr()).isEqualTo(progress("Hang-3", "PSEXESVC", "hostname"));

        ProcessHandle sleep = ProcessHandle.of(sleepPid).orElseThrow();
        sleep.destroyForcibly();
        sleep.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        psexec.process().destroyForcibly();
        assertThat(psexec.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(isAlive(sleepPid)).isFalse();
        assertThat(isAlive(doublePid)).isFalse();
    }

    private static void destroyTree(Process process) throws Exception {
        for (ProcessHandle descendant : process.descendants().toList()) {
            descendant.destroyForcibly();
            descendant.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        process.destroyForcibly();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.isAlive()).isFalse();
    }
}

package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact vector handed to the launcher, for each option and for all of them together. */
final class PsExecRunnerArgumentsTest {
    private static final Target M01 = Target.of("m01");
    private static final List<String> HOSTNAME = List.of("hostname");

    private static PsExecRunner.Builder builder() {
        return PsExecRunner.builder().serviceName("DDC-test");
    }

    @Test
    void noOptions_giveTheDefaults() {
        assertThat(builder().build().arguments(M01, HOSTNAME, null)).containsExactly(
                "PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "hostname");
    }

    @Test
    void serviceLoaderConstructor_usesPsExecOnThePathAndAUniqueServiceName() {
        PsExecRunner runner = new PsExecRunner();

        assertThat(runner.arguments(M01, HOSTNAME, null)).containsExactly(
                "PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", runner.serviceName(), "-low", "hostname");
        assertThat(runner.serviceName()).matches("DDC-[0-9a-z]+-[0-9a-f]{8}").hasSizeLessThanOrEqualTo(32);
    }

    @Test
    void defaultServiceName_differsBetweenRunners() {
        String first = PsExecRunner.builder().build().serviceName();
        String second = PsExecRunner.builder().build().serviceName();

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, first.lastIndexOf('-'))).isEqualTo("DDC-" + Long.toString(ProcessHandle.current().pid(), 36));
    }

    @Test
    void launcher_isTheFirstElement() {
        assertThat(builder().launcher(Path.of("/opt/tools/paexec")).build().arguments(M01, HOSTNAME, null))
                .containsExactly("/opt/tools/paexec", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low",
                        "hostname");
    }

    @Test
    void credentials_comeRightAfterTheFixedSwitches() {
        assertThat(builder().build().arguments(M01, HOSTNAME, Credentials.of("LAB\\ddc", "pa ss")))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-u", "LAB\\ddc", "-p", "pa ss",
                        "-r", "DDC-test", "-low", "hostname");
    }

    @Test
    void connectTimeout_addsN() {
        assertThat(builder().connectTimeout(Duration.ofSeconds(10)).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-n", "10", "-r", "DDC-test",
                        "-low", "hostname");
    }

    @Test
    void serviceName_addsR() {
        assertThat(PsExecRunner.builder().serviceName("ddc_lab-2").build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "ddc_lab-2", "-low",
                        "hostname");
    }

    @Test
    void eachPriority_addsItsSwitch_andNormalNone() {
        Map<Priority, List<String>> expected = Map.of(
                Priority.LOW, List.of("-low"),
                Priority.BELOW_NORMAL, List.of("-belownormal"),
                Priority.NORMAL, List.of(),
                Priority.ABOVE_NORMAL, List.of("-abovenormal"),
                Priority.HIGH, List.of("-high"),
                Priority.REALTIME, List.of("-realtime"),
                Priority.BACKGROUND, List.of("-background"));
        assertThat(expected).hasSize(Priority.values().length);
        for (Priority priority : Priority.values()) {
            List<String> argv = builder().priority(priority).build().arguments(M01, HOSTNAME, null);

            assertThat(argv.subList(0, 6)).containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r",
                    "DDC-test");
            assertThat(argv.subList(6, argv.size() - 1)).as("%s", priority).isEqualTo(expected.get(priority));
            assertThat(argv.get(argv.size() - 1)).isEqualTo("hostname");
        }
    }

    @Test
    void systemAccountAndElevated_addSAndH() {
        assertThat(builder().systemAccount(true).elevated(true).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-s",
                        "-h", "hostname");
        assertThat(builder().systemAccount(true).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-s",
                        "hostname");
        assertThat(builder().elevated(true).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-h",
                        "hostname");
    }

    @Test
    void copyProgram_addsC_andForceCopyF() {
        assertThat(builder().copyProgram(true).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-c",
                        "hostname");
        assertThat(builder().copyProgram(true).forceCopy(true).build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-c",
                        "-f", "hostname");
    }

    @Test
    void workingDirectory_addsW_unquoted() {
        assertThat(builder().workingDirectory("C:\\Program Files\\DDC").build().arguments(M01, HOSTNAME, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test", "-low", "-w",
                        "C:\\Program Files\\DDC", "hostname");
    }

    @Test
    void allOptions_inTheDocumentedOrder() {
        PsExecRunner runner = PsExecRunner.builder()
                .launcher(Path.of("C:\\Tools\\PsExec64.exe"))
                .credentials(target -> Credentials.of("admin", "unused"))
                .connectTimeout(Duration.ofSeconds(5))
                .serviceName("DDC-all")
                .priority(Priority.BELOW_NORMAL)
                .systemAccount(true)
                .elevated(true)
                .copyProgram(true)
                .forceCopy(true)
                .workingDirectory("C:\\Temp")
                .build();

        assertThat(runner.arguments(Target.of("10.0.0.7"), List.of("C:\\probes\\disk info.exe", "/all", "a b"),
                Credentials.of("admin", "pw")))
                .containsExactly("C:\\Tools\\PsExec64.exe", "\\\\10.0.0.7", "-accepteula", "-nobanner",
                        "-u", "admin", "-p", "pw", "-n", "5", "-r", "DDC-all", "-belownormal", "-s", "-h", "-c", "-f",
                        "-w", "C:\\Temp", "\"C:\\probes\\disk info.exe\"", "/all", "\"a b\"");
    }

    @Test
    void remoteCommand_isQuotedElementByElement() {
        List<String> command = List.of("cmd", "/c", "echo a & echo %PATH% ^x", "say \"hi\"", "C:\\dir with space\\", "",
                "C:\\plain\\");

        assertThat(builder().priority(Priority.NORMAL).build().arguments(M01, command, null))
                .containsExactly("PsExec.exe", "\\\\m01", "-accepteula", "-nobanner", "-r", "DDC-test",
                        "cmd", "/c", "\"echo a & echo %PATH% ^x\"", "\"say \\\"hi\\\"\"", "\"C:\\dir with space\\\\\"",
                        "\"\"", "C:\\plain\\");
    }
}

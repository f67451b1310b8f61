package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class PsExecRunnerBuilderTest {

    @Test
    void forceCopy_withoutCopyProgram_isRejectedAtBuild() {
        PsExecRunner.Builder builder = PsExecRunner.builder().forceCopy(true);

        assertThatIllegalStateException().isThrownBy(builder::build)
                .withMessage("forceCopy(true) needs copyProgram(true): PsExec's -f only applies with -c");
    }

    @Test
    void forceCopy_withCopyProgramTurnedOffAgain_isRejectedAtBuild() {
        PsExecRunner.Builder builder = PsExecRunner.builder().copyProgram(true).forceCopy(true).copyProgram(false);

        assertThatIllegalStateException().isThrownBy(builder::build)
                .withMessage("forceCopy(true) needs copyProgram(true): PsExec's -f only applies with -c");
    }

    @Test
    void launcher_empty_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().launcher(Path.of("")))
                .withMessage("launcher path is empty");
    }

    @Test
    void connectTimeout_notPositive_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().connectTimeout(Duration.ZERO))
                .withMessage("connect timeout must be a positive whole number of seconds (PsExec's -n), got PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PsExecRunner.builder().connectTimeout(Duration.ofSeconds(-3)))
                .withMessage("connect timeout must be a positive whole number of seconds (PsExec's -n), got PT-3S");
    }

    @Test
    void connectTimeout_fractionOfASecond_isRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PsExecRunner.builder().connectTimeout(Duration.ofMillis(1500)))
                .withMessage("connect timeout must be a positive whole number of seconds (PsExec's -n), got PT1.5S");
    }

    @Test
    void connectTimeout_tooLong_isRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PsExecRunner.builder().connectTimeout(Duration.ofSeconds(Integer.MAX_VALUE + 1L)))
                .withMessage("connect timeout must be a positive whole number of seconds (PsExec's -n), got PT596523H14M8S");
    }

    @Test
    void workingDirectory_badValues_areRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().workingDirectory(""))
                .withMessage("working directory is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().workingDirectory("C:\\a\nb"))
                .withMessage("working directory 'C:\\a?b' contains a control character");
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().workingDirectory("C:\\\"x\""))
                .withMessage("working directory 'C:\\\"x\"' contains a double quote, which no Windows path has");
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().workingDirectory("-s"))
                .withMessage("working directory '-s' starts with '-' and could be taken for an option");
    }

    @Test
    void serviceName_badValues_areRejected() {
        String rule = " is not acceptable: use 1 to 32 of A-Z a-z 0-9 _ -, not starting with '-'";
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().serviceName(""))
                .withMessage("service name ''" + rule);
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().serviceName("DDC one"))
                .withMessage("service name 'DDC one'" + rule);
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().serviceName("-s"))
                .withMessage("service name '-s'" + rule);
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().serviceName("a".repeat(33)))
                .withMessage("service name '" + "a".repeat(33) + "'" + rule);
        assertThatIllegalArgumentException().isThrownBy(() -> PsExecRunner.builder().serviceName("DDC.1"))
                .withMessage("service name 'DDC.1'" + rule);
    }

    @Test
    void serviceName_longestAcceptable_isKept() {
        assertThat(PsExecRunner.builder().serviceName("A".repeat(32)).build().serviceName()).isEqualTo("A".repeat(32));
    }

    @Test
    void nulls_areRejectedWithTheirName() {
        PsExecRunner.Builder builder = PsExecRunner.builder();

        assertThatNullPointerException().isThrownBy(() -> builder.launcher(null)).withMessage("launcher");
        assertThatNullPointerException().isThrownBy(() -> builder.credentials(null)).withMessage("provider");
        assertThatNullPointerException().isThrownBy(() -> builder.connectTimeout(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> builder.priority(null)).withMessage("priority");
        assertThatNullPointerException().isThrownBy(() -> builder.workingDirectory(null)).withMessage("directory");
        assertThatNullPointerException().isThrownBy(() -> builder.serviceName(null)).withMessage("name");
    }

    @Test
    void builtRunner_doesNotChangeWithTheBuilder() {
        PsExecRunner.Builder builder = PsExecRunner.builder().serviceName("DDC-a");
        PsExecRunner runner = builder.build();
        builder.serviceName("DDC-b").systemAccount(true);

        assertThat(runner.toString()).isEqualTo(
                "PsExecRunner[PsExec.exe \\\\<target> -accepteula -nobanner -r DDC-a -low <command> <args>]");
    }
}

package io.ddc.process;

import static io.ddc.process.TestProcesses.sh;
import static io.ddc.process.TestProcesses.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command and the environment reach the program as given: no shell, no quoting, no trimming. */
final class ProcessExecutorCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Prints each argument followed by a NUL byte, so that any character of an argument can be checked. */
    private static final String PRINT_ARGUMENTS = "for a in \"$@\"; do printf '%s\\0' \"$a\"; done";

    private final ProcessExecutor executor = ProcessExecutor.builder().threadName("command-test").build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void run_argumentsWithShellAndQuotingCharacters_reachTheProgramUnchanged() throws Exception {
        List<String> arguments = List.of(
                "two words", "it's", "say \"hi\"", "\"", "'", "a & b", "&", "|", ";", "100%", "%PATH%", "^", "a^b",
                "$HOME", "${HOME}", "$(id)", "`id`", "*", "?", "[a]", "~", "a\\b", "\\", "<in", ">out", "#", "");

        RunResult result = executor.run(sh(PRINT_ARGUMENTS, arguments.toArray(String[]::new)), Map.of(), TIMEOUT,
                out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(printedArguments()).containsExactlyElementsOf(arguments);
    }

    @Test
    void run_argumentsWithSurroundingWhitespace_areNotTrimmed() throws Exception {
        List<String> arguments = List.of(" padded ", "  ", "\ttab\t", "line\nbreak\n", " ");

        RunResult result = executor.run(sh(PRINT_ARGUMENTS, arguments.toArray(String[]::new)), Map.of(), TIMEOUT,
                out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(printedArguments()).containsExactlyElementsOf(arguments);
    }

    @Test
    void run_emptyArguments_arePassedAsEmptyArguments() throws Exception {
        RunResult result = executor.run(sh("echo $#; " + PRINT_ARGUMENTS, "", "x", ""), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("3\n\0x\0\0");
    }

    @Test
    void run_programRunDirectly_getsItsArgumentsWithoutAShell() throws Exception {
        RunResult result = executor.run(List.of("printf", "[%s]", "$HOME", "*", "a b"), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("[$HOME][*][a b]");
    }

    @Test
    void run_extraEnvironment_reachesTheProgramBesideTheInheritedOne() throws Exception {
        Map<String, String> environment = Map.of("DDC_TEST_VALUE", "with spaces = and \"quotes\"", "DDC_TEST_EMPTY", "");

        RunResult result = executor.run(
                sh("printf '%s|%s|%s|%s' \"$DDC_TEST_VALUE\" \"${DDC_TEST_EMPTY-unset}\" \"$PATH\" \"$DDC_TEST_ABSENT\""),
                environment, TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("with spaces = and \"quotes\"||" + System.getenv("PATH") + "|");
    }

    @Test
    void run_extraEnvironment_replacesAnInheritedVariable() throws Exception {
        RunResult result = executor.run(sh("printf '%s' \"$HOME\""), Map.of("HOME", "/ddc/home"), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("/ddc/home");
    }

    @Test
    void run_noExtraEnvironment_inheritsTheCoordinatorsEnvironment() throws Exception {
        RunResult result = executor.run(sh("printf '%s' \"$PATH\""), Map.of(), TIMEOUT, out, err);

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo(System.getenv("PATH"));
    }

    private List<String> printedArguments() {
        String printed = text(out);
        assertThat(printed).endsWith("\0");
        return new ArrayList<>(Arrays.asList(printed.substring(0, printed.length() - 1).split("\0", -1)));
    }
}

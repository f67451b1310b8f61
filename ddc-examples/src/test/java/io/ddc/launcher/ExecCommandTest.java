package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.files.OutputFile;
import io.ddc.jdbc.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddc exec} end to end, with real processes and real files. */
final class ExecCommandTest {
    @TempDir
    Path temp;

    private Path folder() {
        return temp.resolve("root").resolve("exec");
    }

    /** Runs {@code ddc exec --out <temp>/root ARGS...}. */
    private Cli.Run exec(String... args) {
        List<String> command = new ArrayList<>(List.of("exec", "--out", temp.resolve("root").toString()));
        command.addAll(List.of(args));
        return Cli.run(command.toArray(String[]::new));
    }

    private void assertRefused(Cli.Run run, String message) throws InterruptedException {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc exec --help' for more information.");
        assertThat(temp.resolve("root")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void aDatabaseWithANewerSchema_isRefusedBeforeAnythingRuns() throws Exception {
        Path newer = temp.resolve("newer.sqlite");
        Database.sqlite(newer).prepare();
        try (Connection connection = Database.sqlite(newer).connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version) VALUES (7)");
        }

        Cli.Run run = exec("--target", "127.0.0.1", "--db", "jdbc:sqlite:" + newer, "--", "echo", "hi");

        assertRefused(run, "Invalid value for option '--db': database jdbc:sqlite:" + newer + " holds results schema"
                + " version 7, newer than version 1 that this DDC writes: use the newer DDC that made it, or another"
                + " database");
    }

    @Test
    void aDatabaseThatCannotBeReached_doesNotHoldUpTheRun() throws InterruptedException {
        // a folder in place of the file: SQLite cannot open it, now or later
        Path notAFile = temp.resolve("a-folder.sqlite");
        notAFile.toFile().mkdirs();

        Cli.Run run = exec("--target", "127.0.0.1", "--db", "jdbc:sqlite:" + notAFile, "--", "echo", "hi");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(folder().resolve("exec.trace")).exists();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void echo_onOneTarget_writesTheTraceLineAndTheOutput_andExitsWith0() throws IOException, InterruptedException {
        Cli.Run run = exec("--target", "127.0.0.1", "--", "sh", "-c", "echo hi");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        Path folder = folder().toAbsolutePath().normalize();
        assertThat(run.outLines()).startsWith("exec: probes [exec] on 1 target(s) with the local runner, one iteration,"
                        + " parallelism 1", "  availability: always available", "  storage: " + folder)
                .contains("  [1/1] 127.0.0.1: 1 succeeded, 0 failed, 0 unavailable")
                .anyMatch(line -> line.matches("iteration 1 of 1 \\(id \\d+\\): 1 succeeded, 0 failed, 0 unavailable"
                        + " \\(100\\.0% succeeded\\) in \\d+\\.\\d s"))
                .anyMatch(line -> line.matches("exec ended after 1 iteration\\(s\\) \\(MAX_ITERATIONS\\) in \\d+\\.\\d s:"
                        + " all 1 \\(target, probe\\) pairs succeeded"));
        String traceLine = Files.readAllLines(folder.resolve("exec.trace"), UTF_8).get(0);
        assertThat(traceLine).matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|\\d+\\.\\d\\|127\\.0\\.0\\.1,\\| \\| \\|");
        String id = traceLine.substring(0, traceLine.indexOf('|'));
        assertThat(folder.resolve("127.0.0.1").resolve("exec.stdout")).content(UTF_8)
                .matches("#ddc1 iteration=" + id + " outcome=SUCCEEDED exit=0 elapsed=\\d+\\.\\d{3} failure=- bytes=3 reason=-\nhi\n\n");
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void failingCommand_isFailed_storesItsStderr_andExitsWith1() throws IOException {
        Cli.Run run = exec("--target", "127.0.0.1", "--probe", "oops", "--", "sh", "-c", "echo bad >&2; exit 3");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains("  [1/1] 127.0.0.1: 0 succeeded, 1 failed, 0 unavailable",
                "exit code 1: some (target, probe) pairs never succeeded");
        assertThat(Files.readAllLines(folder().resolve("oops.trace"), UTF_8)).singleElement().asString()
                .matches("\\d+\\|0\\|1\\|0\\|0\\.0\\|\\d+\\.\\d\\| \\|127\\.0\\.0\\.1,\\| \\|");
        assertThat(folder().resolve("127.0.0.1").resolve("oops.stderr")).content(UTF_8)
                .matches("#ddc1 iteration=\\d+ outcome=FAILED exit=3 elapsed=\\d+\\.\\d{3} failure=EXIT_CODE_NOT_ACCEPTED"
                        + " bytes=4 reason=exit%20code%203%20is%20not%20accepted%20\\(accepted:%200\\)\nbad\n\n");
    }

    @Test
    void singleShot_overTwoLoopbackTargets_repeatsOnlyWhatFailed_andEndsWhenBothSucceeded() throws IOException {
        // 127.0.0.1 succeeds at once; 127.0.0.2 fails once, leaving a marker, and succeeds the next time
        Path marker = temp.resolve("marker");
        String script = "[ \"$DDC_TARGET\" = 127.0.0.1 ] || [ -e '" + marker + "' ] || { touch '" + marker + "'; exit 1; }";

        Cli.Run run = exec("--single-shot", "--interval", "1s", "--target", "127.0.0.1", "--target",
                "127.0.0.2", "--", "sh", "-c", script);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).first().asString().endsWith(" single-shot, retried every 1s until every pair"
                + " succeeded, parallelism 1");
        assertThat(run.outLines()).anyMatch(line -> line.matches("iteration 2 \\(id \\d+\\) started: 1 target\\(s\\)"))
                .anyMatch(line -> line.matches("exec ended after 2 iteration\\(s\\) \\(ALL_SUCCEEDED\\) in .*: all 2"
                        + " \\(target, probe\\) pairs succeeded"));
        assertThat(Files.readAllLines(folder().resolve("exec.trace"), UTF_8)).satisfiesExactly(
                first -> assertThat(first).matches("\\d+\\|1\\|1\\|0\\|50\\.0\\|\\d+\\.\\d\\|127\\.0\\.0\\.1,\\|"
                        + "127\\.0\\.0\\.2,\\| \\|"),
                second -> assertThat(second).matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|\\d+\\.\\d\\|127\\.0\\.0\\.2,\\| \\| \\|"));
    }

    @Test
    void arguments_arePassedOneByOne_withoutShell_withoutAtFiles_evenWhenTheyLookLikeOptions() throws IOException {
        Path atFile = Files.writeString(temp.resolve("args"), "expanded");

        Cli.Run run = exec("--target", "127.0.0.1", "--", "printf", "%s|", "a b", "$HOME", "*", "@" + atFile,
                "--target", "'q'", "");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(folder().resolve("127.0.0.1").resolve("exec.stdout"), UTF_8).get(1))
                .isEqualTo("a b|$HOME|*|@" + atFile + "|--target|'q'||");
    }

    @Test
    void command_withoutTheSeparator_takesEverythingAfterItsFirstWord() throws IOException {
        Cli.Run run = exec("--target", "127.0.0.1", "printf", "%s|", "-n", "--probe", "x");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(folder().resolve("127.0.0.1").resolve("exec.stdout"), UTF_8).get(1))
                .isEqualTo("-n|--probe|x|");
    }

    @Test
    void localRunner_withoutTargets_runsOnLocalhost() throws IOException {
        Cli.Run run = exec("--", "sh", "-c", "echo $DDC_TARGET");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(folder().resolve("localhost").resolve("exec.stdout"), UTF_8).get(1))
                .isEqualTo("localhost");
    }

    @Test
    void timeout_killsTheCommand_andItIsFailed() throws IOException {
        long started = System.nanoTime();

        Cli.Run run = exec("--timeout", "300ms", "--target", "127.0.0.1", "--", "sleep", "10");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(folder().resolve("127.0.0.1").resolve("exec.stdout"), UTF_8).get(0))
                .contains(" outcome=FAILED ").contains(" failure=TIMED_OUT ");
    }

    @Test
    void interval_withDeadline_repeatsUntilTheDeadline() throws IOException {
        Cli.Run run = exec("--interval", "1s", "--deadline", "1500ms", "--target", "127.0.0.1", "--", "true");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).first().asString().endsWith(" periodic, every 1s, for at most 1s500ms,"
                + " parallelism 1");
        assertThat(run.outLines()).anyMatch(line -> line.matches("exec ended after \\d+ iteration\\(s\\) \\(DEADLINE\\).*"));
        // on a loaded machine the first iteration may outlast the deadline: one line at least
        assertThat(Files.readAllLines(folder().resolve("exec.trace"), UTF_8)).isNotEmpty()
                .allMatch(line -> line.matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|.*"));
    }

    @Test
    void aFolderMadeWithAnotherCommand_isRefused_andTheMessageSaysHowToChooseAnother() {
        assertThat(exec("--", "true").exitCode()).isZero();

        Cli.Run run = exec("--", "false");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith("ddc exec: experiment folder ").contains(" was made with other probes");
        assertThat(run.errLines().get(1)).isEqualTo("Nothing ran; --experiment NAME or --out DIR chooses another folder,"
                + " --fresh-start moves this one aside.");
    }

    @Test
    void freshStart_movesTheEarlierFolderAside_andRunsTheNewCommand() throws IOException {
        assertThat(exec("--", "true").exitCode()).isZero();

        Cli.Run run = exec("--fresh-start", "--", "sh", "-c", "echo new");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(folder().resolve("localhost").resolve("exec.stdout"), UTF_8)).endsWith("\nnew\n\n");
        try (var entries = Files.list(temp.resolve("root"))) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("exec\\.before-\\d{8}T\\d{6}Z")).contains("exec");
        }
    }

    /** Regression: a program that cannot start printed only "0 succeeded, 1 failed"; the reason was at DEBUG. */
    @Test
    void aProgramThatCannotStart_saysWhyAtTheEnd_andInItsRecordHeader() throws IOException {
        Cli.Run run = exec("--", "/nonexistent/prog");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).anyMatch(line -> line.matches("  failed, 1 result of probe exec on localhost: could"
                + " not start /nonexistent/prog: .*(No such file|error=2).*"));
        assertThat(OutputFile.index(folder().resolve("localhost").resolve("exec.stdout")).records()).singleElement()
                .satisfies(record -> assertThat(record.reason()).startsWith("could not start /nonexistent/prog: "));
    }

    @Test
    void showOutput_printsWhatEachTargetPrinted_prefixedByIt() {
        Cli.Run run = exec("--show-output", "--target", "127.0.0.1", "--target", "127.0.0.2", "--", "sh", "-c",
                "echo \"hello from $DDC_TARGET\"; echo oops >&2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("127.0.0.1: hello from 127.0.0.1", "127.0.0.1 stderr: oops",
                "127.0.0.2: hello from 127.0.0.2", "127.0.0.2 stderr: oops");
    }

    @Test
    void quiet_printsOneLinePerIteration() {
        Cli.Run run = exec("--quiet", "--iterations", "2", "--interval", "1s", "--target", "127.0.0.1",
                "--target", "127.0.0.2", "--", "true");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).noneMatch(line -> line.startsWith("  [") || line.contains(" started: "))
                .anyMatch(line -> line.matches("iteration 1 of 2 \\(id \\d+\\): 2 succeeded, 0 failed, 0 unavailable"
                        + " \\(100\\.0% succeeded\\) in \\d+\\.\\d s; next iteration at \\d\\d:\\d\\d:\\d\\d"))
                .anyMatch(line -> line.matches("iteration 2 of 2 \\(id \\d+\\): 2 succeeded, .* in \\d+\\.\\d s"));
    }

    @Test
    void noCommand_isAUsageError() throws InterruptedException {
        assertRefused(exec("--target", "127.0.0.1"), "Missing required parameter: 'COMMAND'");
        assertRefused(exec("--target", "127.0.0.1", "--"), "Missing required parameter: 'COMMAND'");
    }

    @Test
    void emptyExecutable_isAUsageError() throws InterruptedException {
        assertRefused(exec("--", ""), "Invalid value for COMMAND: probe 'exec': the executable is empty");
    }

    @Test
    void probeName_isChecked() throws InterruptedException {
        assertRefused(exec("--probe", "../x", "--", "true"), "Invalid value for option '--probe': probe name '../x'"
                + " contains '/' (U+002F): use only the characters A-Z a-z 0-9 . _ -");
    }

    @Test
    void psexecRunner_needsTargets() throws InterruptedException {
        assertRefused(exec("--runner", "psexec", "--", "cmd", "/c", "ver"),
                "--runner psexec needs at least one target: give --target NAME or --targets FILE");
    }

    @Test
    void help_showsTheSeparatorInTheSynopsis() {
        Cli.Run run = Cli.run("exec", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).startsWith("Usage: ddc exec [OPTIONS] [--probe=NAME] -- COMMAND [ARGS...]")
                .contains("      --probe=NAME           the probe's name, which names its files (default:");
    }

    @Test
    void interrupted_finishesTheRunningIteration_andExitsWith130() throws Exception {
        // interrupted while iteration 2 runs its 'sleep': it ends, and its trace line is written
        Cli.Run run = Cli.interruptedOnceItPrints("iteration 2 (id ", "exec", "--out",
                temp.resolve("root").toString(), "--interval", "1s", "--target", "127.0.0.1", "--", "sleep", "0.3");

        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(run.errLines()).containsExactly("ddc exec: SIGINT (Ctrl-C) received: no new target starts;"
                + " executions still running in 10s are killed");
        assertThat(run.outLines()).contains("stopped by SIGINT (Ctrl-C): the last iteration's trace lines are written;"
                + " exit code 130");
        assertThat(Files.readAllLines(folder().resolve("exec.trace"), UTF_8)).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(line -> line.matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|.*"));
        assertThat(Cli.demoThreads()).isEmpty();
    }
}

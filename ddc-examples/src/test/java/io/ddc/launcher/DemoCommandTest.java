package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.LoopbackListener;
import io.ddc.TraceLine;
import io.ddc.testing.LiveThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddc demo} end to end: real processes, a real TCP port, real files; the PsExec runs use
 * {@link FakePsExec}.
 */
final class DemoCommandTest {
    private static final Pattern TRACE_LINE =
            Pattern.compile("^\\d+\\|\\d+\\|\\d+\\|\\d+\\|\\d+\\.\\d\\|\\d+\\.\\d\\|.*\\|$");
    private static final Pattern ITERATION_LINE = Pattern.compile(
            "^iteration (\\d+) of (\\d+) \\(id (\\d+)\\): 6 succeeded, 2 failed, 4 unavailable in \\d+\\.\\d s$");
    private static final List<String> PROBES = List.of("os", "load", "hello", "broken");
    private static final String PASSWORD_VARIABLE = "DDC_TEST_PASSWORD";
    private static final String PASSWORD = "Pa55-word-that-must-not-leak";

    @TempDir
    Path temp;

    @Test
    void demo_twoIterations_printsSummariesAndExactTraceLines_andExitsWith0() throws IOException, InterruptedException {
        Cli.Run run = Cli.run("demo", "--out", temp.toString(), "--iterations", "2");

        assertThat(run.err()).isEmpty();
        // 127.0.0.3 is unavailable and 'broken' always fails, on purpose: the demo ran as designed (regression: it
        // exited with 1, the README's first command looking like a failure)
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.outLines();
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            Matcher iteration = ITERATION_LINE.matcher(line);
            if (iteration.matches()) {
                assertThat(iteration.group(1)).isEqualTo(Integer.toString(ids.size() + 1));
                assertThat(iteration.group(2)).isEqualTo("2");
                ids.add(Long.parseLong(iteration.group(3)));
            }
        }
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isGreaterThan(ids.get(0));
        assertThat(lines).contains("  failed, 4 results of probe broken on 127.0.0.1, 127.0.0.2: exit code 2 is not"
                        + " accepted (accepted: 0)",
                "  (probe 'broken' fails on every target on purpose, to show what a failure looks like, and 127.0.0.3 is"
                        + " unavailable on purpose)");
        assertThat(lines).anyMatch(line -> line.matches("demo ended after 2 iteration\\(s\\) \\(MAX_ITERATIONS\\) in"
                + " \\d+\\.\\d s: 6 of 12 \\(target, probe\\) pairs never succeeded"));
        assertThat(lines).anyMatch(line -> line.matches(
                "  unavailable, 8 results on 127\\.0\\.0\\.3: TCP port \\d+ refused the connection"));
        assertThat(lines.stream().filter(line -> line.startsWith("  post-collector print-load: ")))
                .hasSize(4)
                .allMatch(line -> line.matches("  post-collector print-load: 127\\.0\\.0\\.[12] load averages"
                        + " \\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\\.\\d\\d \\(1, 5, 15 min\\), iteration \\d+"));

        Path folder = temp.resolve("demo");
        assertThat(lines.stream().filter(line -> TRACE_LINE.matcher(line).matches())).hasSize(8);
        for (String probe : PROBES) {
            List<String> printed = traceLinesPrintedUnder(lines, probe + ".trace:");
            assertThat(printed).as(probe).hasSize(2).allMatch(line -> TRACE_LINE.matcher(line).matches());
            assertThat(Files.readAllLines(folder.resolve(probe + ".trace"), UTF_8)).as(probe).isEqualTo(printed);
            for (int i = 0; i < 2; i++) {
                String line = printed.get(i);
                assertThat(line).as(probe).startsWith(ids.get(i) + "|");
                assertThat(TraceLine.parse(line).unavailable()).as(probe).containsExactly("127.0.0.3");
                if (probe.equals("broken")) {
                    assertThat(line).matches("\\d+\\|0\\|2\\|1\\|0\\.0\\|\\d+\\.\\d\\| \\|127\\.0\\.0\\.1,127\\.0\\.0\\.2,\\|"
                            + "127\\.0\\.0\\.3,\\|");
                } else {
                    assertThat(line).matches("\\d+\\|2\\|0\\|1\\|66\\.7\\|\\d+\\.\\d\\|127\\.0\\.0\\.1,127\\.0\\.0\\.2,\\| \\|"
                            + "127\\.0\\.0\\.3,\\|");
                }
            }
        }

        Path osStdout = folder.resolve("127.0.0.1").resolve("os.stdout");
        assertThat(osStdout).isRegularFile();
        assertThat(Files.readAllLines(osStdout, UTF_8).get(0))
                .matches("#ddc1 iteration=" + ids.get(0) + " outcome=SUCCEEDED exit=0 elapsed=\\d+\\.\\d{3} failure=-"
                        + " bytes=\\d+ reason=-");
        assertThat(folder.resolve("127.0.0.2").resolve("hello.stdout")).content(UTF_8)
                .contains("\nhello from 127.0.0.2\n");
        assertThat(Files.readAllLines(folder.resolve("127.0.0.3").resolve("os.stdout"), UTF_8).get(0))
                .matches("#ddc1 iteration=" + ids.get(0) + " outcome=UNAVAILABLE exit=- elapsed=0\\.000"
                        + " failure=TARGET_UNAVAILABLE bytes=0 reason=TCP%20port%20\\d+%20refused%20the%20connection");
        assertThat(lines).contains("  experiment folder: " + folder.toAbsolutePath().normalize(),
                "  example stdout:    " + osStdout.toAbsolutePath().normalize()
                        + ", which starts with one header line per execution:");

        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void demo_interrupted_stopsAfterTheRunningIteration_andExitsWith130() throws Exception {
        Cli.Run run = Cli.interruptedOnceItPrints("iteration 1 of 100 ", "demo", "--out",
                temp.toString(), "--experiment", "stopped", "--iterations", "100");

        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(run.errLines()).containsExactly("ddc demo: SIGINT (Ctrl-C) received: no new target starts;"
                + " executions still running in 10s are killed");
        List<String> lines = run.outLines();
        assertThat(lines).anyMatch(line -> line.matches("demo ended after \\d+ iteration\\(s\\) \\(STOPPED\\) in .*"))
                .contains("stopped by SIGINT (Ctrl-C): the last iteration's trace lines are written; exit code 130");
        List<String> written = Files.readAllLines(temp.resolve("stopped").resolve("os.trace"), UTF_8);
        assertThat(written).isNotEmpty().allMatch(line -> TRACE_LINE.matcher(line).matches());
        assertThat(traceLinesPrintedUnder(lines, "os.trace:")).isEqualTo(written);
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void demo_withThePsExecRunner_runsTheWindowsProbesThroughTheLauncher_andStoresNoPassword()
            throws IOException, InterruptedException {
        FakePsExec psexec = FakePsExec.in(Files.createDirectory(temp.resolve("launcher")));
        Path root = temp.resolve("root");

        Cli.Run run = Cli.run(Map.of(PASSWORD_VARIABLE, PASSWORD), "demo", "--runner", "psexec",
                "--psexec", psexec.path().toString(), "--target", "m01", "--user", "LAB\\ddc",
                "--password-env", PASSWORD_VARIABLE, "--check", "always", "--iterations", "1",
                "--out", root.toString());

        assertThat(run.err()).isEmpty();
        // the fake launcher exits with 0 every time, so even 'broken' succeeds
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).anyMatch(line -> line.startsWith("demo: probes [os, load, hello, broken] (Windows"
                        + " commands) on [m01] with the psexec runner, 1 iteration(s)"))
                .contains("  availability: always available; probe 'broken' fails on purpose")
                .anyMatch(line -> line.matches("iteration 1 of 1 \\(id \\d+\\): 4 succeeded, 0 failed, 0 unavailable"
                        + " in \\d+\\.\\d s"))
                .anyMatch(line -> line.matches("  post-collector print-load: m01 CPU load not printed \\(average of its"
                        + " processors\\), iteration \\d+"));

        List<List<String>> calls = psexec.calls("m01");
        assertThat(calls).hasSize(4);
        assertThat(calls).allSatisfy(argv -> {
            assertThat(argv.get(0)).isEqualTo("\\\\m01");
            assertThat(argv.get(argv.indexOf("-u") + 1)).isEqualTo("LAB\\ddc");
            assertThat(argv.get(argv.indexOf("-p") + 1)).isEqualTo(PASSWORD);
            assertThat(argv.indexOf("-p")).isGreaterThan(argv.indexOf("-u"));
        });
        assertThat(tail(calls.get(0), 3)).containsExactly("cmd", "/c", "ver");
        assertThat(tail(calls.get(1), 7)).containsExactly("powershell", "-NoProfile", "-NonInteractive", "-InputFormat",
                "None", "-Command", "\"(Get-CimInstance Win32_Processor | Measure-Object -Property LoadPercentage"
                        + " -Average).Average\"");
        assertThat(tail(calls.get(2), 6)).containsExactly("cmd", "/c", "echo", "hello", "from", "%COMPUTERNAME%");
        assertThat(tail(calls.get(3), 4)).containsExactly("cmd", "/c", "dir", "C:\\nonexistent-ddc-demo");

        Path folder = root.resolve("demo");
        for (String probe : PROBES) {
            assertThat(Files.readAllLines(folder.resolve(probe + ".trace"), UTF_8)).as(probe)
                    .singleElement().asString().matches("\\d+\\|1\\|0\\|0\\|100\\.0\\|\\d+\\.\\d\\|m01,\\| \\| \\|");
            assertThat(folder.resolve("m01").resolve(probe + ".stdout")).isRegularFile();
            assertThat(folder.resolve("m01").resolve(probe + ".stderr")).isRegularFile();
        }
        List<Path> stored;
        try (Stream<Path> files = Files.walk(root)) {
            stored = files.filter(Files::isRegularFile).toList();
        }
        assertThat(stored).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : stored) {
            assertThat(new String(Files.readAllBytes(file), UTF_8)).as(file.toString()).doesNotContain(PASSWORD);
        }
        assertThat(run.out()).doesNotContain(PASSWORD);
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void demo_withThePsExecRunner_andATargetsFile_reachesEveryTargetOfTheFile() throws IOException {
        FakePsExec psexec = FakePsExec.in(Files.createDirectory(temp.resolve("launcher")));
        Path targets = Files.writeString(temp.resolve("targets.txt"), "# lab\nm01\n\nm02 # spare\n", UTF_8);

        Cli.Run run = Cli.run("demo", "--runner", "psexec", "--psexec", psexec.path().toString(),
                "--targets", targets.toString(), "--check", "always", "--iterations", "1",
                "--out", temp.resolve("root").toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        for (String host : List.of("m01", "m02")) {
            List<List<String>> calls = psexec.calls(host);
            assertThat(calls).as(host).hasSize(4);
            // no --user: PsExec uses the coordinator's own account, and no password is on any command line
            assertThat(calls).as(host).allSatisfy(argv -> assertThat(argv).startsWith("\\\\" + host)
                    .doesNotContain("-u", "-p"));
        }
        assertThat(Files.readAllLines(temp.resolve("root").resolve("demo").resolve("os.trace"), UTF_8))
                .singleElement().asString().endsWith("|m01,m02,| | |");
    }

    private static List<String> tail(List<String> list, int size) {
        return list.subList(list.size() - size, list.size());
    }

    /** The trace lines printed after {@code header}, up to the next line that is not one. */
    private static List<String> traceLinesPrintedUnder(List<String> lines, String header) {
        int start = lines.indexOf(header);
        assertThat(start).as(header).isNotNegative();
        List<String> traceLines = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && TRACE_LINE.matcher(lines.get(i)).matches(); i++) {
            traceLines.add(lines.get(i));
        }
        return traceLines;
    }
}

package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.BundledDemo;
import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddc run NAME} end to end: the demo as a bundled experiment, and small test experiments
 * whose defaults the options replace.
 */
final class RunCommandTest {
    private static final String TRACE_LINE = "\\d+\\|\\d+\\|\\d+\\|\\d+\\|\\d+\\.\\d\\|\\d+\\.\\d\\|.*\\|";

    @TempDir
    Path temp;

    /** A bundled experiment made of what a test gives it. */
    private record TestExperiment(String name, Schedule defaultSchedule, Function<Setup, List<Probe>> probeMaker,
            Optional<TargetPool> targets) implements BundledExperiment {
        @Override
        public String description() {
            return "a test experiment";
        }

        @Override
        public List<Probe> probes(Setup setup) {
            return probeMaker.apply(setup);
        }

        @Override
        public Optional<TargetPool> defaultTargets(Setup setup) {
            return targets;
        }
    }

    private static final TestExperiment SLOW = new TestExperiment("slow", Schedule.periodic(Duration.ofSeconds(1))
            .withMaxIterations(1), setup -> List.of(Probe.builder("nap").command("sleep", "5").build()),
            Optional.of(TargetPool.of("127.0.0.1")));

    private static final TestExperiment NO_TARGETS = new TestExperiment("lonely", Schedule.singleShot(),
            setup -> List.of(Probe.builder("p").command("true").build()), Optional.empty());

    private static final TestExperiment LOCAL_ONLY = new TestExperiment("local-only", Schedule.singleShot(), setup -> {
        if (setup.windowsTargets()) {
            throw new IllegalArgumentException("it reads /proc, which Windows has not");
        }
        return List.of(Probe.builder("p").command("true").build());
    }, Optional.of(TargetPool.of("127.0.0.1")));

    private static final TestExperiment ONCE = new TestExperiment("once", Schedule.singleShot()
            .withInterval(Duration.ofSeconds(1)), setup -> List.of(Probe.builder("p").command("true").build(),
                    Probe.builder("q").command("true").build()), Optional.of(TargetPool.of("127.0.0.1", "127.0.0.2")));

    private static final List<BundledExperiment> TEST_EXPERIMENTS = List.of(new BundledDemo(), SLOW, NO_TARGETS,
            LOCAL_ONLY, ONCE);

    private Cli.Run run(String... args) {
        return Cli.run(Map.of(), false, TEST_EXPERIMENTS, args);
    }

    private String root() {
        return temp.resolve("root").toString();
    }

    private void assertRefused(Cli.Run run, String message) throws InterruptedException {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc run --help' for more information.");
        assertThat(temp.resolve("root")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void runDemo_oneIteration_printsProgressAndSummary_writesTheTraceLines_andExitsWith1()
            throws IOException, InterruptedException {
        Cli.Run run = Cli.run("run", "demo", "--iterations", "1", "--out", root());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        Path folder = temp.resolve("root").resolve("demo").toAbsolutePath().normalize();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).isEqualTo("demo: probes [os, load, hello, broken] on 3 target(s) with the local runner,"
                + " one iteration, parallelism 3");
        assertThat(lines.get(1)).matches("  availability: tcp:\\d+ within 200 ms");
        assertThat(lines.get(2)).isEqualTo("  storage: " + folder);
        assertThat(lines.get(3)).matches("iteration 1 of 1 \\(id \\d+\\) started: 3 target\\(s\\)");
        assertThat(lines).contains("  [1/3] 127.0.0.3: 0 succeeded, 0 failed, 4 unavailable",
                        "  files: " + folder.resolve("<probe>.trace") + ", " + folder.resolve("<target>")
                                .resolve("<probe>.stdout") + " and .stderr",
                        "exit code 1: some (target, probe) pairs never succeeded")
                .anyMatch(line -> line.matches("  \\[[23]/3\\] 127\\.0\\.0\\.[12]: 3 succeeded, 1 failed, 0 unavailable"))
                .anyMatch(line -> line.matches("iteration 1 of 1 \\(id \\d+\\): 6 succeeded, 2 failed, 4 unavailable"
                        + " \\(50\\.0% succeeded\\) in \\d+\\.\\d s"))
                .anyMatch(line -> line.matches("demo ended after 1 iteration\\(s\\) \\(MAX_ITERATIONS\\) in \\d+\\.\\d s:"
                        + " 6 of 12 \\(target, probe\\) pairs never succeeded"))
                .anyMatch(line -> line.startsWith("  post-collector print-load: 127.0.0.1 load averages "));
        for (String probe : List.of("os", "load", "hello", "broken")) {
            assertThat(Files.readAllLines(folder.resolve(probe + ".trace"), UTF_8)).as(probe).singleElement().asString()
                    .matches(TRACE_LINE).endsWith("|127.0.0.3,|");
        }
        assertThat(folder.resolve("127.0.0.2").resolve("hello.stdout")).content(UTF_8).contains("\nhello from 127.0.0.2\n");
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void runDemo_onATerminal_showsALiveStatusLine_andTheSameSummary() {
        Cli.Run run = Cli.run(Map.of(), true, BundledExperiments.ALL, "run", "demo", "--iterations", "1",
                "--out", root(), "--check", "always");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        // the first status line may be shown by the introduction's release, without a carriage return
        assertThat(run.out()).contains("iteration 1 of 1: 0/3 targets done; 0 succeeded, 0 failed, 0 unavailable")
                .contains("\riteration 1 of 1: 3/3 targets done; 9 succeeded, 3 failed, 0 unavailable")
                .doesNotContain("started:")
                .doesNotContain("[1/3]");
        // what is left once the terminal has applied each carriage return
        List<String> screen = run.out().lines().map(line -> line.substring(line.lastIndexOf('\r') + 1)).toList();
        assertThat(screen).anyMatch(line -> line.matches("iteration 1 of 1 \\(id \\d+\\): 9 succeeded, 3 failed,"
                + " 0 unavailable \\(75\\.0% succeeded\\) in \\d+\\.\\d s"));
        assertThat(screen).anyMatch(line -> line.matches("  post-collector print-load: 127\\.0\\.0\\.1 load averages .*"));
        assertThat(screen).last().isEqualTo("exit code 1: some (target, probe) pairs never succeeded");
    }

    @Test
    void target_replacesTheDefaultTargets_andTheirCheck() throws IOException, InterruptedException {
        Cli.Run run = run("run", "demo", "--target", "127.0.0.5", "--iterations", "1", "--out", root(),
                "--experiment", "mine", "--parallelism", "1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).startsWith("mine: probes [os, load, hello, broken] on 1 target(s) with the local"
                + " runner, one iteration, parallelism 1", "  availability: always available");
        Path folder = temp.resolve("root").resolve("mine");
        assertThat(Files.readAllLines(folder.resolve("os.trace"), UTF_8)).singleElement().asString()
                .endsWith("|127.0.0.5,| | |");
        assertThat(folder.resolve("127.0.0.1")).doesNotExist();
        assertThat(temp.resolve("root").resolve("demo")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void check_replacesTheDefaultCheck() throws IOException, InterruptedException {
        // port 1 (tcpmux) is closed on loopback, so every target is refused
        Cli.Run run = run("run", "demo", "--check", "tcp:1", "--iterations", "1", "--out", root());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains("  availability: tcp:1 within 500 ms");
        assertThat(Files.readAllLines(temp.resolve("root").resolve("demo").resolve("os.trace"), UTF_8))
                .singleElement().asString().matches("\\d+\\|0\\|0\\|3\\|0\\.0\\|\\d+\\.\\d\\| \\| \\|"
                        + "127\\.0\\.0\\.1,127\\.0\\.0\\.2,127\\.0\\.0\\.3,\\|");
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void timeout_appliesToEveryProbe() throws IOException {
        long started = System.nanoTime();

        Cli.Run run = run("run", "slow", "--timeout", "300ms", "--out", root());

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(4);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(temp.resolve("root").resolve("slow").resolve("127.0.0.1").resolve("nap.stdout"),
                UTF_8).get(0)).contains(" outcome=FAILED ").contains(" failure=TIMED_OUT ");
    }

    @Test
    void singleShotDefault_endsWhenEveryPairSucceeded_withExit0() throws IOException {
        Cli.Run run = run("run", "once", "--out", root());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).first().asString().endsWith(" single-shot, retried every 1s until every pair"
                + " succeeded, parallelism 1");
        assertThat(run.outLines()).anyMatch(line -> line.matches("once ended after 1 iteration\\(s\\) \\(ALL_SUCCEEDED\\)"
                + " in \\d+\\.\\d s: all 4 \\(target, probe\\) pairs succeeded"));
        assertThat(Files.readAllLines(temp.resolve("root").resolve("once").resolve("q.trace"), UTF_8)).singleElement()
                .asString().endsWith("|127.0.0.1,127.0.0.2,| | |");
    }

    @Test
    void unknownExperiment_listsTheKnownNames() throws InterruptedException {
        Cli.Run run = run("run", "resource-monitr", "--out", root());

        assertRefused(run, "unknown experiment 'resource-monitr': use one of demo, slow, lonely, local-only, once");
    }

    @Test
    void missingName_isAUsageError() throws InterruptedException {
        Cli.Run run = run("run", "--out", root());

        assertRefused(run, "give the experiment to run: NAME (one of demo, slow, lonely, local-only, once) or --file"
                + " EXPERIMENT.yaml");
    }

    @Test
    void experimentWithoutDefaultTargets_needsTargets() throws InterruptedException {
        Cli.Run run = run("run", "lonely", "--out", root());

        assertRefused(run, "ddc run lonely has no default targets: give --target NAME or --targets FILE");
    }

    @Test
    void psexecRunner_needsTargets_evenForTheDemo() throws InterruptedException {
        Cli.Run run = run("run", "demo", "--runner", "psexec", "--out", root());

        assertRefused(run, "--runner psexec needs at least one target: give --target NAME or --targets FILE");
    }

    @Test
    void experimentThatCannotRunWithTheRunner_saysWhy() throws InterruptedException {
        Cli.Run run = run("run", "local-only", "--runner", "psexec", "--target", "m01", "--out", root());

        assertRefused(run, "local-only cannot run with the psexec runner: it reads /proc, which Windows has not");
    }

    @Test
    void experimentName_thatWouldLeaveTheStorageRoot_isRefused() throws InterruptedException {
        Cli.Run run = run("run", "demo", "--experiment", "../x", "--out", root());

        assertRefused(run, "Invalid value for option '--experiment': experiment name '../x' contains '/' (U+002F):"
                + " use only the characters A-Z a-z 0-9 . _ -");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void out_anExistingFile_isRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        Cli.Run run = run("run", "demo", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("--out must be a folder, got the file " + file,
                "Try 'ddc run --help' for more information.");
        assertThat(file).hasContent("x");
    }

    @Test
    void targetNamedLikeATraceFile_isRefusedBeforeAnythingIsOpened() throws InterruptedException {
        Cli.Run run = run("run", "demo", "--target", "os.trace", "--out", root());

        assertRefused(run, "target 'os.trace' would have the name of the trace file of probe 'os': rename the probe");
    }

    @Test
    void runnerAndTargetOptions_areCheckedAsForTheDemo() throws InterruptedException {
        assertRefused(run("run", "demo", "--runner", "winrm", "--out", root()),
                "--runner must be local, psexec or ssh, got 'winrm'");
        assertRefused(run("run", "demo", "--target", "a;b", "--out", root()),
                "Invalid value for option '--target': target 'a;b' contains the shell metacharacter ';'");
        assertRefused(run("run", "demo", "--check", "tcp:0", "--out", root()),
                "--check must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got 'tcp:0'");
    }

    @Test
    void interrupted_stopsAfterTheRunningIteration_writesItsTraceLines_andExitsWith130() throws Exception {
        Cli.Run run = Cli.interruptedOnceItPrints("iteration 2 of 1000 (id ", "run", "demo", "--out",
                root(), "--iterations", "1000", "--interval", "1s");

        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(run.errLines()).containsExactly("ddc run: SIGINT (Ctrl-C) received: no new target starts;"
                + " executions still running in 10s are killed");
        List<String> lines = run.outLines();
        assertThat(lines).anyMatch(line -> line.matches("demo ended after \\d+ iteration\\(s\\) \\(STOPPED\\) in .*"))
                .endsWith("stopped by SIGINT (Ctrl-C): the last iteration's trace lines are written; exit code 130");
        List<String> summaries = new ArrayList<>(lines.stream()
                .filter(line -> line.matches("iteration \\d+ of 1000 \\(id \\d+\\): .*")).toList());
        List<String> written = Files.readAllLines(temp.resolve("root").resolve("demo").resolve("os.trace"), UTF_8);
        // every iteration that started wrote its trace line, and was summed up
        assertThat(written).hasSize(summaries.size()).allMatch(line -> line.matches(TRACE_LINE));
        assertThat(Cli.demoThreads()).isEmpty();
    }
}
